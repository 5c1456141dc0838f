package io.billingbridge.core.access;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one authorization point of the frontend use cases: selects the owner a request means, checks the access
 * policy, refuses an owner known to be deleted in the identity provider, and audits every denial under the
 * action's wire name.
 *
 * <p>An owner is known deleted once its {@code user.deleted} / {@code organization.deleted} event was processed
 * (its account's state is {@link SyncState#DELETED}); a session token issued before the deletion stays valid for
 * up to a minute, and this is what refuses it. The check reads the owner's account, which reads then reuse.
 */
public final class Guard {
    /** The denial code of a request acting for an owner deleted in the identity provider. */
    public static final String OWNER_DELETED = "owner_deleted";

    private final AccessPolicy policy;
    private final BillingAccounts accounts;
    private final Auditor auditor;

    public Guard(AccessPolicy policy, BillingAccounts accounts, Auditor auditor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * An owner the caller was authorized for, with its account as read during the check.
     *
     * @param owner the owner the request acts for
     * @param account the owner's account, empty when none was ever reserved
     */
    public record Authorized(Owner owner, Optional<BillingAccount> account) {
        public Authorized {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(account, "account");
            if (account.isPresent() && !account.get().owner().equals(owner)) {
                throw new IllegalArgumentException("the account belongs to the owner authorized");
            }
        }
    }

    /**
     * The owner a request names, when the caller may perform the action on it.
     *
     * @param ownerType {@code user} or {@code organization}, as the client sent it
     * @param organizationId the organization the client named, if any (only the active one is accepted)
     * @throws AccessDenied (audited) otherwise
     */
    public Owner authorize(Principal principal, String ownerType, Optional<String> organizationId, Action action) {
        return authorizeWithAccount(principal, ownerType, organizationId, action).owner();
    }

    /**
     * As {@link #authorize(Principal, String, Optional, Action)}, with the owner's account read for the check, so
     * a caller that needs it does not read it again.
     *
     * @throws AccessDenied (audited) when the caller may not, or the owner is known deleted
     */
    public Authorized authorizeWithAccount(Principal principal, String ownerType, Optional<String> organizationId,
            Action action) {
        return checked(principal, selected(principal, ownerType, organizationId, action), action);
    }

    private Owner selected(Principal principal, String ownerType, Optional<String> organizationId, Action action) {
        try {
            return OwnerSelector.select(principal, ownerType, organizationId);
        } catch (AccessDenied denied) {
            auditor.denied(principal, organizationId.flatMap(Guard::organizationIfValid), action, denied.code());
            throw denied;
        }
    }

    /**
     * As {@link #authorizeWithAccount}, with the owner's account read by {@code read} together with whatever else
     * the caller needs of the owner (one database round trip for both); {@code read} runs only once the policy
     * allowed the action, and its result is returned only when the owner is not known deleted.
     *
     * @param read reads what the caller needs of the owner, the account included
     * @param accountOf the owner's account within what {@code read} returned
     * @throws AccessDenied (audited) when the caller may not, or the owner is known deleted
     */
    public <T> T authorizeReading(Principal principal, String ownerType, Optional<String> organizationId,
            Action action, Function<Owner, T> read, Function<? super T, Optional<BillingAccount>> accountOf) {
        Owner owner = selected(principal, ownerType, organizationId, action);
        permitted(principal, owner, action);
        T result = read.apply(owner);
        notDeleted(principal, owner, action, accountOf.apply(result));
        return result;
    }

    /**
     * Checks that the caller may perform the action on an owner found another way (such as from a checkout session).
     *
     * @throws AccessDenied (audited) when the caller may not, or the owner is known deleted
     */
    public void authorize(Principal principal, Owner owner, Action action) {
        checked(principal, owner, action);
    }

    private Authorized checked(Principal principal, Owner owner, Action action) {
        permitted(principal, owner, action);
        Optional<BillingAccount> account = accounts.find(owner);
        notDeleted(principal, owner, action, account);
        return new Authorized(owner, account);
    }

    private void permitted(Principal principal, Owner owner, Action action) {
        if (!policy.permits(principal, action, owner)) {
            auditor.denied(principal, Optional.of(owner), action, "access_denied");
            policy.check(principal, action, owner);
        }
    }

    private void notDeleted(Principal principal, Owner owner, Action action, Optional<BillingAccount> account) {
        if (account.filter(a -> a.syncState() == SyncState.DELETED).isPresent()) {
            auditor.denied(principal, Optional.of(owner), action, OWNER_DELETED);
            throw new AccessDenied(OWNER_DELETED, "this " + owner.type().wireName()
                    + " was deleted; sign in again with an existing account");
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
