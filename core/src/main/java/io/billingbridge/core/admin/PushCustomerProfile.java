package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.Snapshots;
import java.util.Objects;

/**
 * Re-reads an owner's profile (name, email, metadata) from the identity provider and pushes it to the Stripe customer,
 * for support: the same work as a Clerk {@code owner.changed} event, done even when the stored profile looks current.
 */
public final class PushCustomerProfile {
    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final SyncCustomerProfile profiles;
    private final AdminAudit audit;

    public PushCustomerProfile(BillingAccounts accounts, Snapshots snapshots, SyncCustomerProfile profiles,
            Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * Pushes the profile and returns the account afterwards.
     *
     * @throws InvalidRequest when the owner type or id is malformed
     * @throws NotFound when the owner has no billing account
     * @throws Conflict when the account has no customer yet, or the owner was deleted
     * @throws ProviderUnavailable when the identity provider or Stripe cannot be reached
     */
    public AccountDetails push(AdminIdentity admin, String ownerType, String ownerId) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.PUSH_PROFILE, this::push,
                AccountDetails::auditDetail);
    }

    private AccountDetails push(Owner owner) {
        BillingAccount account = AdminOwners.account(accounts, owner);
        CustomerId customer = account.customerId()
                .orElseThrow(() -> new Conflict("no_customer", "the owner has no customer to update yet"));
        if (account.syncState() == SyncState.DELETED) {
            throw new Conflict("owner_deleted", "the owner was deleted; its customer is no longer kept in sync");
        }
        return new AccountDetails(profiles.push(account), snapshots.find(customer));
    }
}
