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
import java.util.function.Supplier;

/** {@link BillingAccounts} in memory, with the same one-customer-per-owner rules as the database. */
public final class InMemoryBillingAccounts implements BillingAccounts {
    private final Map<Owner, BillingAccount> rows = new ConcurrentHashMap<>();
    private final Map<Owner, ReentrantLock> locks = new ConcurrentHashMap<>();

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
                current.createdAt(), now);
        rows.put(owner, linked);
        return linked;
    }

    @Override
    public BillingAccount update(Owner owner, CustomerProfile profile, SyncState state, Instant now) {
        BillingAccount current = rows.get(owner);
        if (current == null) {
            throw new Conflict("account_missing", "missing");
        }
        BillingAccount updated = new BillingAccount(owner, current.customerId(), profile, state, current.createdAt(), now);
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
