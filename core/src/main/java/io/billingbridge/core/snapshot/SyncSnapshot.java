package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.error.ProviderUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-fetches a customer's whole billing state from the provider and stores it.
 *
 * <p>Never trusts an event's payload or order. Concurrent requests for one customer are coalesced: while a
 * fetch runs, all later requests share a single follow-up fetch that starts when it ends, so every caller
 * sees state at least as new as its request, with at most two fetches in flight per customer.
 */
public final class SyncSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(SyncSnapshot.class);

    private final PaymentProvider payments;
    private final Snapshots snapshots;
    private final List<SnapshotListener> listeners;
    private final Clock clock;
    /** Per customer with a fetch running: the future of the follow-up fetch, once someone asked for one. */
    private final Map<CustomerId, CompletableFuture<Synced>> followUps = new HashMap<>();

    public SyncSnapshot(PaymentProvider payments, Snapshots snapshots, List<SnapshotListener> listeners, Clock clock) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.listeners = List.copyOf(listeners);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A stored snapshot and whether a listener failed for it (it will run again on the next sync). */
    private record Synced(BillingSnapshot snapshot, boolean listenersFailed) {
    }

    /**
     * Syncs now (or joins the follow-up sync that starts when the running one ends) and returns the snapshot; a
     * failed listener is logged and left pending, for reads that must not fail because, say, Clerk is down.
     *
     * @throws io.billingbridge.core.error.BillingException as the provider or store fails
     */
    public BillingSnapshot sync(Owner owner, CustomerId customer) {
        return syncing(owner, customer).snapshot();
    }

    /**
     * Like {@link #sync}, but a failed listener fails the call, so the webhook event (or operator) that asked
     * for it tries again; the listener then runs again although the billing state no longer differs.
     *
     * @throws ProviderUnavailable when a listener failed
     */
    public BillingSnapshot syncForEvent(Owner owner, CustomerId customer) {
        Synced synced = syncing(owner, customer);
        if (synced.listenersFailed()) {
            throw new ProviderUnavailable("snapshot listener", null, Duration.ofSeconds(5), null);
        }
        return synced.snapshot();
    }

    private Synced syncing(Owner owner, CustomerId customer) {
        CompletableFuture<Synced> followUp = null;
        synchronized (followUps) {
            if (followUps.containsKey(customer)) {
                followUp = followUps.get(customer);
                if (followUp == null) {
                    followUp = new CompletableFuture<>();
                    followUps.put(customer, followUp);
                }
            } else {
                followUps.put(customer, null);
            }
        }
        if (followUp != null) {
            return join(followUp);
        }
        CompletableFuture<Synced> mine = new CompletableFuture<>();
        runChain(owner, customer, mine);
        return join(mine);
    }

    /** Runs the fetch for {@code first}, then each follow-up that was asked for meanwhile, on this thread. */
    private void runChain(Owner owner, CustomerId customer, CompletableFuture<Synced> first) {
        CompletableFuture<Synced> current = first;
        while (current != null) {
            try {
                current.complete(fetchAndStore(owner, customer));
            } catch (RuntimeException e) {
                current.completeExceptionally(e);
            }
            synchronized (followUps) {
                current = followUps.get(customer);
                if (current == null) {
                    followUps.remove(customer);
                } else {
                    followUps.put(customer, null);
                }
            }
        }
    }

    private static Synced join(CompletableFuture<Synced> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private Synced fetchAndStore(Owner owner, CustomerId customer) {
        BillingSnapshot fresh = payments.fetchSnapshot(customer, clock.instant());
        if (!snapshots.save(owner, fresh)) {
            return new Synced(fresh, false);
        }
        LOG.info("billing state of {} ({}) changed, or its listeners had not all succeeded", owner.key(), customer);
        boolean failed = false;
        for (SnapshotListener listener : listeners) {
            try {
                listener.snapshotChanged(owner, fresh);
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("snapshot listener {} failed for {}: {}; it runs again on the next sync",
                        listener.getClass().getSimpleName(), owner.key(), e.getClass().getSimpleName());
            }
        }
        if (!failed) {
            snapshots.markListened(customer, fresh.syncedAt());
        }
        return new Synced(fresh, failed);
    }
}
