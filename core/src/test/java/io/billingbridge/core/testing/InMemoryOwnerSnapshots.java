package io.billingbridge.core.testing;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.OwnerBilling;
import io.billingbridge.core.snapshot.OwnerSnapshots;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link OwnerSnapshots} over the in-memory accounts and snapshots, counting its reads (one per round trip). */
public final class InMemoryOwnerSnapshots implements OwnerSnapshots {
    private final InMemoryBillingAccounts accounts;
    private final InMemorySnapshots snapshots;
    /** How many times an owner was read, as the database would count round trips. */
    public final AtomicInteger reads = new AtomicInteger();

    public InMemoryOwnerSnapshots(InMemoryBillingAccounts accounts, InMemorySnapshots snapshots) {
        this.accounts = accounts;
        this.snapshots = snapshots;
    }

    @Override
    public OwnerBilling find(Owner owner) {
        reads.incrementAndGet();
        Optional<BillingAccount> account = accounts.find(owner);
        return new OwnerBilling(owner, account,
                account.flatMap(BillingAccount::customerId).flatMap(snapshots::find));
    }
}
