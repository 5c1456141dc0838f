package io.billingbridge.core.checkout;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The owner's billing snapshot as checkout's guardrails read it: the stored one, or a fresh sync (waiting at most
 * {@code syncWait}) when none is stored or it is marked out of date, as a webhook may still be on its way.
 */
public final class CurrentSnapshot {
    private final Snapshots snapshots;
    private final SyncSnapshot sync;
    private final Duration syncWait;

    public CurrentSnapshot(Snapshots snapshots, SyncSnapshot sync, Duration syncWait) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.syncWait = Objects.requireNonNull(syncWait, "syncWait");
    }

    /**
     * The snapshot to decide on.
     *
     * @throws io.billingbridge.core.error.ProviderUnavailable when a needed sync fails or takes too long
     */
    public BillingSnapshot of(Owner owner, CustomerId customer) {
        Optional<StoredSnapshot> stored = snapshots.find(customer);
        if (stored.isPresent() && !stored.get().dirty()) {
            return stored.get().snapshot();
        }
        return sync.syncWithin(owner, customer, syncWait);
    }
}
