package io.billingbridge.core.access;

import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The verified caller, as read from a session token.
 *
 * @param userId the signed-in user
 * @param sessionId the Clerk session id
 * @param activeOrganization the organization the session acts for, if any
 * @param organizationRole the user's role there, normalised to {@code org:<role>}
 * @param organizationPermissions the user's permissions there, as {@code org:<feature>:<permission>}
 */
public record Principal(
        UserId userId,
        String sessionId,
        Optional<OrganizationId> activeOrganization,
        Optional<String> organizationRole,
        Set<String> organizationPermissions) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(activeOrganization, "activeOrganization");
        Objects.requireNonNull(organizationRole, "organizationRole");
        organizationPermissions = Set.copyOf(organizationPermissions);
        if (activeOrganization.isEmpty() && (organizationRole.isPresent() || !organizationPermissions.isEmpty())) {
            throw new IllegalArgumentException("an organization role or permission needs an active organization");
        }
    }

    /** A caller with no active organization. */
    public static Principal user(UserId userId, String sessionId) {
        return new Principal(userId, sessionId, Optional.empty(), Optional.empty(), Set.of());
    }

    /** A caller acting for an organization with a role and permissions. */
    public static Principal member(UserId userId, String sessionId, OrganizationId organization, String role,
            Set<String> permissions) {
        return new Principal(userId, sessionId, Optional.of(organization), Optional.of(role), permissions);
    }

    /** True when the session acts for this organization. */
    public boolean actsFor(OrganizationId organization) {
        return activeOrganization.filter(organization::equals).isPresent();
    }

    /** True when the caller holds this role or permission in the active organization. */
    public boolean holds(String roleOrPermission) {
        return organizationRole.filter(roleOrPermission::equals).isPresent()
                || organizationPermissions.contains(roleOrPermission);
    }
}
