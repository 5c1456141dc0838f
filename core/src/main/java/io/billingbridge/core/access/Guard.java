package io.billingbridge.core.access;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;
import java.util.Optional;

/**
 * The one authorization point of the frontend use cases: selects the owner a request means, checks the access
 * policy, and audits every denial under the action's wire name.
 */
public final class Guard {
    private final AccessPolicy policy;
    private final Auditor auditor;

    public Guard(AccessPolicy policy, Auditor auditor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * The owner a request names, when the caller may perform the action on it.
     *
     * @param ownerType {@code user} or {@code organization}, as the client sent it
     * @param organizationId the organization the client named, if any (only the active one is accepted)
     * @throws AccessDenied (audited) otherwise
     */
    public Owner authorize(Principal principal, String ownerType, Optional<String> organizationId, Action action) {
        Owner owner;
        try {
            owner = OwnerSelector.select(principal, ownerType, organizationId);
        } catch (AccessDenied denied) {
            auditor.denied(principal, organizationId.flatMap(Guard::organizationIfValid), action, denied.code());
            throw denied;
        }
        authorize(principal, owner, action);
        return owner;
    }

    /**
     * Checks that the caller may perform the action on an owner found another way (such as from a checkout session).
     *
     * @throws AccessDenied (audited) otherwise
     */
    public void authorize(Principal principal, Owner owner, Action action) {
        if (!policy.permits(principal, action, owner)) {
            auditor.denied(principal, Optional.of(owner), action, "access_denied");
            policy.check(principal, action, owner);
        }
    }

    /** Whether the caller may also perform this action on an owner it is authorized for; not audited (no attempt). */
    public boolean permits(Principal principal, Owner owner, Action action) {
        return policy.permits(principal, action, owner);
    }

    /** The organization a client-supplied id names, or empty when the id is malformed (still a denial). */
    private static Optional<Owner> organizationIfValid(String id) {
        try {
            return Optional.of(Owner.organization(id));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
