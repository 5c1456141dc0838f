package io.billingbridge.core.identity;

import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.util.Objects;
import java.util.Set;

/** A user's membership of an organization, with the role normalised to {@code org:<role>}. */
public record Membership(OrganizationId organizationId, UserId userId, String role, Set<String> permissions) {

    public Membership {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        permissions = Set.copyOf(permissions);
    }
}
