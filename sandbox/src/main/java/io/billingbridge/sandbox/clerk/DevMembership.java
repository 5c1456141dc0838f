package io.billingbridge.sandbox.clerk;

import java.util.List;
import java.util.Objects;

/**
 * A user's membership of an organization, with a Clerk role such as {@code org:admin} or {@code org:member}.
 *
 * <p>Admins get the custom permissions {@code org:billing:manage} and {@code org:billing:read}; members
 * get {@code org:billing:read}; both also carry Clerk's system permissions in the Backend API.
 */
public record DevMembership(String id, String organizationId, String userId, String role, long createdAt,
        long updatedAt) {

    /** The role every organization creator gets. */
    public static final String ADMIN = "org:admin";

    /** The default role for added members. */
    public static final String MEMBER = "org:member";

    public DevMembership {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (!role.startsWith("org:") || role.length() < 5) {
            throw new IllegalArgumentException("role must look like org:<name>");
        }
    }

    /** Custom permission names, in the order the v2 token's {@code per} lists them. */
    static final List<String> CUSTOM_PERMISSIONS = List.of("manage", "read");

    /** The custom feature those permissions belong to. */
    static final String FEATURE = "billing";

    /** The {@code fpm} bitmask over {@link #CUSTOM_PERMISSIONS} for this role. */
    int featurePermissionMask() {
        return ADMIN.equals(role) ? 0b11 : 0b10;
    }

    /** Every permission, as the Backend API lists it. */
    List<String> permissions() {
        if (ADMIN.equals(role)) {
            return List.of("org:billing:manage", "org:billing:read", "org:sys_billing:manage",
                    "org:sys_billing:read", "org:sys_memberships:manage", "org:sys_memberships:read",
                    "org:sys_profile:delete", "org:sys_profile:manage");
        }
        return List.of("org:billing:read", "org:sys_billing:read", "org:sys_memberships:read");
    }

    DevMembership withRole(String newRole, long now) {
        return new DevMembership(id, organizationId, userId, newRole, createdAt, now);
    }
}
