package io.billingbridge.core.testing;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Snapshots} in memory. */
public final class InMemorySnapshots implements Snapshots {
    private final Map<CustomerId, StoredSnapshot> rows = new ConcurrentHashMap<>();
    /** How many times a snapshot was looked up. */
    public final java.util.concurrent.atomic.AtomicInteger finds = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Optional<StoredSnapshot> find(CustomerId customer) {
        finds.incrementAndGet();
        return Optional.ofNullable(rows.get(customer));
    }

    private final java.util.Set<CustomerId> listenersPending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public synchronized boolean save(Owner owner, BillingSnapshot snapshot) {
        StoredSnapshot before = rows.get(snapshot.customerId());
        if (before != null && before.snapshot().syncedAt().isAfter(snapshot.syncedAt())) {
            return false;
        }
        rows.put(snapshot.customerId(), new StoredSnapshot(owner, snapshot, false));
        if (before == null || !before.snapshot().sameStateAs(snapshot)) {
            listenersPending.add(snapshot.customerId());
        }
        return listenersPending.contains(snapshot.customerId());
    }

    @Override
    public synchronized void markListened(CustomerId customer, java.time.Instant syncedAt) {
        StoredSnapshot stored = rows.get(customer);
        if (stored != null && stored.snapshot().syncedAt().equals(syncedAt)) {
            listenersPending.remove(customer);
        }
    }

    /** Drops the customer's snapshot, as the database does when the customer is released. */
    public synchronized void forget(CustomerId customer) {
        rows.remove(customer);
        listenersPending.remove(customer);
    }

    @Override
    public void markDirty(CustomerId customer) {
        rows.computeIfPresent(customer, (c, s) -> new StoredSnapshot(s.owner(), s.snapshot(), true));
    }
}
