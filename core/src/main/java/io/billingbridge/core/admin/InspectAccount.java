package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.util.Objects;
import java.util.Optional;

/** Shows support an owner's billing account and its whole stored snapshot, without calling the provider. */
public final class InspectAccount {
    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final AdminAudit audit;

    public InspectAccount(BillingAccounts accounts, Snapshots snapshots, Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * The owner's account and snapshot.
     *
     * @throws InvalidRequest when the owner type or id is malformed
     * @throws NotFound when the owner has no billing account
     */
    public AccountDetails inspect(AdminIdentity admin, String ownerType, String ownerId) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.READ_ACCOUNT, this::details,
                AccountDetails::auditDetail);
    }

    private AccountDetails details(Owner owner) {
        BillingAccount account = AdminOwners.account(accounts, owner);
        Optional<StoredSnapshot> snapshot = account.customerId().flatMap(snapshots::find);
        return new AccountDetails(account, snapshot);
    }
}
