package io.billingbridge.core.access;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.Owner;
import java.util.Optional;

/** Selects the owner a request means and checks the policy, auditing every denial. */
public final class Guard {
    private final AccessPolicy policy;
    private final Auditor auditor;

    public Guard(AccessPolicy policy, Auditor auditor) {
        this.policy = policy;
        this.auditor = auditor;
    }

    /**
     * The owner, when the caller may perform the action on it.
     *
     * @throws AccessDenied (audited) otherwise
     */
    public Owner authorize(Principal principal, String ownerType, Optional<String> organizationId, Action action,
            String auditAction) {
        Owner owner;
        try {
            owner = OwnerSelector.select(principal, ownerType, organizationId);
        } catch (AccessDenied denied) {
            auditor.denied(principal, organizationId.flatMap(Guard::organizationIfValid), auditAction, denied.code());
            throw denied;
        }
        if (!policy.permits(principal, action, owner)) {
            auditor.denied(principal, Optional.of(owner), auditAction, "access_denied");
            policy.check(principal, action, owner);
        }
        return owner;
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
