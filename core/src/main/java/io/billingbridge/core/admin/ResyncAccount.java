package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.util.Objects;

/** Re-fetches an owner's billing state from the provider now, for support, and returns the account afterwards. */
public final class ResyncAccount {
    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final SyncSnapshot sync;
    private final AdminAudit audit;

    public ResyncAccount(BillingAccounts accounts, Snapshots snapshots, SyncSnapshot sync, Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * Syncs the owner's snapshot and returns the account with it.
     *
     * @throws InvalidRequest when the owner type or id is malformed
     * @throws NotFound when the owner has no billing account
     * @throws Conflict when the account has no customer to sync
     */
    public AccountDetails resync(AdminIdentity admin, String ownerType, String ownerId) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.SYNC_ACCOUNT, this::resync,
                AccountDetails::auditDetail);
    }

    private AccountDetails resync(Owner owner) {
        BillingAccount account = AdminOwners.account(accounts, owner);
        CustomerId customer = account.customerId()
                .orElseThrow(() -> new Conflict("no_customer", "the owner has no customer to sync yet"));
        sync.syncForEvent(owner, customer);
        return new AccountDetails(account, snapshots.find(customer));
    }
}
