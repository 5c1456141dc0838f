package io.billingbridge.core.snapshot;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns an owner's billing data from the local snapshot: no provider call on a normal read, and one database
 * round trip (the owner's account and snapshot together, shared with the authorization check).
 *
 * <p>With a snapshot marked out of date it starts a sync in the background and waits for it at most
 * {@code freshWait}; if the sync fails or is slower (the provider is down or hung), it serves what it has, marked
 * stale. Only with no snapshot at all does a read need the provider: it waits at most {@code firstSyncWait}, then
 * fails as unavailable while the sync goes on.
 */
public final class GetBillingSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(GetBillingSnapshot.class);
    /** How many owners' last views are kept (per detail level). */
    private static final int MAX_SERVED = 2_048;

    private final Guard guard;
    private final OwnerSnapshots owners;
    private final SyncSnapshot sync;
    private final Duration freshWait;
    private final Duration firstSyncWait;
    private final BillingSignals signals;
    private final AccessStates accessStates;
    private final Clock clock;
    private final ConcurrentHashMap<String, Served> lastServed = new ConcurrentHashMap<>();

    /** The view last served for an owner and detail level, with what it was made from. */
    private record Served(BillingSnapshot snapshot, boolean stale, AccessState access, BillingView view) {
    }

    /**
     * Reads over the given store and sync.
     *
     * @param freshWait how long a read of an out-of-date snapshot waits for a fresh one before serving it stale
     * @param firstSyncWait how long a read with no snapshot (or a sync after checkout) waits for the provider
     */
    public GetBillingSnapshot(Guard guard, OwnerSnapshots owners, SyncSnapshot sync,
            Duration freshWait, Duration firstSyncWait, BillingSignals signals) {
        this(guard, owners, sync, freshWait, firstSyncWait, signals,
                new AccessStates(AccessStateSettings.defaults()), Clock.systemUTC());
    }

    /**
     * Reads that also compute each owner's access state.
     *
     * @param accessStates how billing states translate into access
     * @param clock the time access states are computed at (grace periods end by it)
     */
    public GetBillingSnapshot(Guard guard, OwnerSnapshots owners, SyncSnapshot sync,
            Duration freshWait, Duration firstSyncWait, BillingSignals signals, AccessStates accessStates,
            Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.freshWait = Objects.requireNonNull(freshWait, "freshWait");
        this.firstSyncWait = Objects.requireNonNull(firstSyncWait, "firstSyncWait");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.accessStates = Objects.requireNonNull(accessStates, "accessStates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The owner's billing as the caller may see it. */
    public BillingView read(Principal principal, String ownerType, Optional<String> organizationId) {
        OwnerBilling billing = guard.authorizeReading(principal, ownerType, organizationId, Action.READ_PLAN,
                owners::find, OwnerBilling::account);
        return view(principal, billing);
    }

    /**
     * The billing of an owner the caller was already authorized to read the plan of, read from the store itself
     * (callers just changed it).
     */
    BillingView view(Principal principal, Owner owner) {
        return view(principal, owners.findInStore(owner));
    }

    /** The billing of an authorized owner, from its account and snapshot as read together. */
    private BillingView view(Principal principal, OwnerBilling billing) {
        Owner owner = billing.owner();
        boolean details = guard.permits(principal, owner, Action.READ_BILLING_DETAILS);
        Optional<CustomerId> customer = billing.account().flatMap(BillingAccount::customerId);
        if (customer.isEmpty()) {
            return BillingView.none(owner, details, accessStates, clock.instant());
        }
        Optional<StoredSnapshot> stored = billing.stored();
        if (stored.isEmpty()) {
            return served(owner, sync.syncWithin(owner, customer.get(), firstSyncWait), details, false);
        }
        if (!stored.get().dirty()) {
            return served(owner, stored.get().snapshot(), details, false);
        }
        try {
            return served(owner, sync.syncWithin(owner, customer.get(), freshWait), details, false);
        } catch (ProviderUnavailable e) {
            LOG.warn("serving a stale snapshot of {} ({}): provider unavailable or slow", owner.key(), customer.get());
            return served(owner, stored.get().snapshot(), details, true);
        }
    }

    /**
     * The view of a snapshot for a caller, the same instance as last time for this owner and detail level when
     * nothing it is made of changed (the same stored snapshot, staleness and access state), so what is rendered from
     * a view can be kept by its identity.
     */
    private BillingView served(Owner owner, BillingSnapshot snapshot, boolean details, boolean stale) {
        signals.snapshotServed(snapshot.syncedAt(), stale);
        AccessState access = accessStates.of(snapshot.subscriptions(), clock.instant());
        String key = owner.key() + (details ? " details" : " plan");
        Served last = lastServed.get(key);
        if (last != null && last.snapshot() == snapshot && last.stale() == stale && last.access().equals(access)) {
            return last.view();
        }
        BillingView view = BillingView.of(owner, snapshot, details, stale, accessStates, access);
        if (lastServed.size() >= MAX_SERVED && !lastServed.containsKey(key)) {
            lastServed.clear();
        }
        lastServed.put(key, new Served(snapshot, stale, access, view));
        return view;
    }

    /**
     * The billing of an owner after a fresh sync, as the caller may see it (details only when the policy allows);
     * for use cases that just changed the owner's billing and were authorized for that.
     */
    public BillingView viewAfterSync(Principal principal, Owner owner, CustomerId customer) {
        sync.syncWithin(owner, customer, firstSyncWait);
        return view(principal, owner);
    }
}
