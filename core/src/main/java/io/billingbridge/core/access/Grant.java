package io.billingbridge.core.access;

import java.util.Set;

/**
 * Who in an organization is granted an action: every member, or holders of a named role or permission.
 *
 * @param everyMember true when any member of the active organization is granted
 * @param rolesOrPermissions roles ({@code org:admin}) or permissions ({@code org:billing:manage}), any one suffices
 */
public record Grant(boolean everyMember, Set<String> rolesOrPermissions) {

    public Grant {
        rolesOrPermissions = Set.copyOf(rolesOrPermissions);
        for (String name : rolesOrPermissions) {
            if (!name.startsWith("org:") || name.length() <= 4) {
                throw new IllegalArgumentException("roles and permissions are named org:<role> or org:<feature>:<permission>, not '" + name + "'");
            }
        }
    }

    /** Every member of the active organization. */
    public static Grant anyMember() {
        return new Grant(true, Set.of());
    }

    /** Members holding at least one of these roles or permissions. */
    public static Grant oneOf(String... rolesOrPermissions) {
        return new Grant(false, Set.of(rolesOrPermissions));
    }

    /** True when this caller, acting for the organization, is granted. */
    public boolean grants(Principal principal) {
        return everyMember || rolesOrPermissions.stream().anyMatch(principal::holds);
    }
}
