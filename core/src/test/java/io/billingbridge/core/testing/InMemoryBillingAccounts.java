package io.billingbridge.core.testing;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link BillingAccounts} in memory, with the same one-customer-per-owner rules as the database. */
public final class InMemoryBillingAccounts implements BillingAccounts {
    private final Map<Owner, BillingAccount> rows = new ConcurrentHashMap<>();
    private final Map<Owner, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Consumer<CustomerId> releasedSnapshots;

    /** Accounts alone, with no snapshot store to keep in step. */
    public InMemoryBillingAccounts() {
        this(customer -> { });
    }

    /** Accounts that, like the database's foreign key, drop a released customer's snapshot from this store. */
    public InMemoryBillingAccounts(Consumer<CustomerId> releasedSnapshots) {
        this.releasedSnapshots = releasedSnapshots;
    }

    @Override
    public Optional<BillingAccount> find(Owner owner) {
        return Optional.ofNullable(rows.get(owner));
    }

    @Override
    public Optional<BillingAccount> findByCustomer(CustomerId customerId) {
        return rows.values().stream().filter(a -> a.customerId().filter(customerId::equals).isPresent()).findFirst();
    }

    @Override
    public List<BillingAccount> active(Optional<Owner> after, int limit) {
        Comparator<Owner> order = Comparator.comparing((Owner o) -> o.type().wireName()).thenComparing(Owner::id);
        return rows.values().stream()
                .filter(a -> a.syncState() == SyncState.ACTIVE)
                .filter(a -> after.map(o -> order.compare(a.owner(), o) > 0).orElse(true))
                .sorted(Comparator.comparing(BillingAccount::owner, order))
                .limit(limit)
                .toList();
    }

    @Override
    public BillingAccount reserve(Owner owner, Instant now) {
        return rows.computeIfAbsent(owner, o -> BillingAccount.reserved(o, now));
    }

    @Override
    public synchronized BillingAccount link(Owner owner, CustomerId customerId, CustomerProfile profile, Instant now) {
        BillingAccount current = rows.get(owner);
        if (current == null || current.customerId().filter(c -> !c.equals(customerId)).isPresent()
                || findByCustomer(customerId).filter(a -> !a.owner().equals(owner)).isPresent()) {
            throw new Conflict("account_conflict", "conflict");
        }
        BillingAccount linked = new BillingAccount(owner, Optional.of(customerId), profile, SyncState.ACTIVE,
                current.createdAt(), now, current.customerGeneration());
        rows.put(owner, linked);
        return linked;
    }

    /** {@inheritDoc} Forgets the snapshot in the {@link InMemorySnapshots} given at construction, if any. */
    @Override
    public synchronized boolean release(Owner owner, CustomerId customer, Instant now) {
        BillingAccount current = rows.get(owner);
        if (current == null || !current.customerId().filter(customer::equals).isPresent()) {
            return false;
        }
        SyncState state = current.syncState() == SyncState.DELETED ? SyncState.DELETED : SyncState.PENDING;
        rows.put(owner, new BillingAccount(owner, Optional.empty(), current.profile(), state, current.createdAt(), now,
                current.customerGeneration() + 1));
        releasedSnapshots.accept(customer);
        return true;
    }

    @Override
    public BillingAccount update(Owner owner, CustomerProfile profile, SyncState state, Instant now) {
        BillingAccount current = rows.get(owner);
        if (current == null) {
            throw new Conflict("account_missing", "missing");
        }
        BillingAccount updated = new BillingAccount(owner, current.customerId(), profile, state, current.createdAt(), now,
                current.customerGeneration());
        rows.put(owner, updated);
        return updated;
    }

    @Override
    public <T> T whileLocked(Owner owner, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(owner, o -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
