package io.billingbridge.core.access;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.util.Optional;

/**
 * Turns what a request asks for ({@code owner=user|organization}, maybe an organization id) into an owner.
 *
 * <p>The client never names a Stripe customer, and may only name the session's active organization.
 */
public final class OwnerSelector {
    private OwnerSelector() {
    }

    /** The owner a request means, or a refusal. */
    public static Owner select(Principal principal, String ownerType, Optional<String> organizationId) {
        OwnerType type = OwnerType.fromWireName(ownerType == null ? "" : ownerType)
                .orElseThrow(() -> new InvalidRequest("invalid_owner", "owner must be 'user' or 'organization'", "owner"));
        return switch (type) {
            case USER -> {
                if (organizationId.isPresent()) {
                    throw new InvalidRequest("invalid_owner", "organizationId only goes with owner=organization",
                            "organizationId");
                }
                yield new Owner.User(principal.userId());
            }
            case ORGANIZATION -> {
                OrganizationId active = principal.activeOrganization()
                        .orElseThrow(() -> new AccessDenied("no_active_organization",
                                "the session has no active organization"));
                if (organizationId.isPresent() && !organizationId.get().equals(active.value())) {
                    throw new AccessDenied("not_active_organization",
                            "you may only act for the session's active organization");
                }
                yield new Owner.Organization(active);
            }
        };
    }
}
