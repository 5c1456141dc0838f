package io.billingbridge.core.testing;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CreationClaim;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.Relinked;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link BillingAccounts} in memory, with the same one-customer-per-owner rules as the database. */
public final class InMemoryBillingAccounts implements BillingAccounts {
    private final Map<Owner, BillingAccount> rows = new ConcurrentHashMap<>();
    private final Map<Owner, CreationClaim> claims = new ConcurrentHashMap<>();
    private final Consumer<CustomerId> releasedSnapshots;
    /** How many times an owner's account was looked up. */
    public final java.util.concurrent.atomic.AtomicInteger finds = new java.util.concurrent.atomic.AtomicInteger();

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
        finds.incrementAndGet();
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
        claims.remove(owner);
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
    public synchronized Optional<CreationClaim> claimCreation(Owner owner, Instant now, Duration lease) {
        BillingAccount current = rows.get(owner);
        CreationClaim held = claims.get(owner);
        if (current == null || current.customerId().isPresent() || (held != null && !held.until().isBefore(now))) {
            return Optional.empty();
        }
        CreationClaim claim = new CreationClaim(owner, UUID.randomUUID(), current.customerGeneration(), now.plus(lease));
        claims.put(owner, claim);
        return Optional.of(claim);
    }

    @Override
    public synchronized BillingAccount linkClaimed(CreationClaim claim, CustomerId customerId, CustomerProfile profile,
            Instant now) {
        BillingAccount current = rows.get(claim.owner());
        if (current == null || current.customerGeneration() != claim.generation()) {
            throw new Conflict("account_conflict", "conflict");
        }
        return link(claim.owner(), customerId, profile, now);
    }

    @Override
    public synchronized void abandon(CreationClaim claim) {
        claims.remove(claim.owner(), claim);
    }

    @Override
    public synchronized Relinked relink(Owner owner, CustomerId customer, Instant now) {
        BillingAccount current = rows.get(owner);
        if (current == null) {
            throw new Conflict("account_missing", "missing");
        }
        if (current.customerId().filter(customer::equals).isPresent()) {
            return new Relinked(current, Optional.empty());
        }
        if (findByCustomer(customer).isPresent()) {
            throw new Conflict("customer_in_use", "in use");
        }
        Optional<CustomerId> previous = current.customerId();
        previous.ifPresent(old -> release(owner, old, now));
        return new Relinked(link(owner, customer, current.profile(), now), previous);
    }

    /** Claims the owner's creation as another instance would, and never finishes it: a holder that crashed. */
    public CreationClaim claimAndCrash(Owner owner, Instant at, Duration lease) {
        reserve(owner, at);
        return claimCreation(owner, at, lease).orElseThrow();
    }
}
