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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-fetches a customer's whole billing state from the provider and stores it.
 *
 * <p>Never trusts an event's payload or order. Concurrent requests for one customer are coalesced: while a
 * fetch runs, all later requests share a single follow-up fetch that starts when it ends, so every caller
 * sees state at least as new as its request, with at most two fetches in flight per customer.
 *
 * <p>Reads made while an HTTP request waits use {@link #syncWithin}: the fetch runs on the background executor
 * and the caller waits a bounded time for it, so a hung provider never holds a request longer than that.
 */
public final class SyncSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(SyncSnapshot.class);
    /** What a caller is told when a sync ran out of its wait: the provider is slow, so not at once. */
    private static final Duration RETRY_AFTER_SLOW = Duration.ofSeconds(5);

    private final PaymentProvider payments;
    private final Snapshots snapshots;
    private final List<SnapshotListener> listeners;
    private final Clock clock;
    /** Per customer with a fetch running: the future of the follow-up fetch, once someone asked for one. */
    private final Map<CustomerId, CompletableFuture<Synced>> followUps = new HashMap<>();
    private final Executor background;

    /**
     * A sync over the given provider and store.
     *
     * @param background runs {@link #syncWithin} fetches, so that the waiting caller can give up on them
     */
    public SyncSnapshot(PaymentProvider payments, Snapshots snapshots, List<SnapshotListener> listeners, Clock clock,
            Executor background) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.listeners = List.copyOf(listeners);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
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

    /**
     * Like {@link #sync}, but a new chain of fetches runs on the background executor and the caller waits for
     * it at most {@code wait}; the sync goes on after the caller gave up, and later callers join it as usual.
     *
     * @throws ProviderUnavailable when the sync did not end within {@code wait}, or as {@link #sync} fails
     */
    public BillingSnapshot syncWithin(Owner owner, CustomerId customer, Duration wait) {
        CompletableFuture<Synced> running = enqueue(owner, customer, background);
        try {
            return running.get(wait.toNanos(), TimeUnit.NANOSECONDS).snapshot();
        } catch (TimeoutException slow) {
            LOG.warn("sync of {} ({}) took longer than {} ms; it goes on in the background", owner.key(), customer,
                    wait.toMillis());
            throw new ProviderUnavailable("payment provider", null, RETRY_AFTER_SLOW, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("payment provider", null, RETRY_AFTER_SLOW, null);
        }
    }

    private Synced syncing(Owner owner, CustomerId customer) {
        return join(enqueue(owner, customer, Runnable::run));
    }

    /**
     * The future of a fetch at least as new as this call: the follow-up of the running fetch (asking for it if
     * nobody did yet), else a new chain of fetches started on {@code runner}.
     */
    private CompletableFuture<Synced> enqueue(Owner owner, CustomerId customer, Executor runner) {
        synchronized (followUps) {
            if (followUps.containsKey(customer)) {
                CompletableFuture<Synced> followUp = followUps.get(customer);
                if (followUp == null) {
                    followUp = new CompletableFuture<>();
                    followUps.put(customer, followUp);
                }
                return followUp;
            }
            followUps.put(customer, null);
        }
        CompletableFuture<Synced> mine = new CompletableFuture<>();
        try {
            runner.execute(() -> runChain(owner, customer, mine));
        } catch (RejectedExecutionException full) {
            ProviderUnavailable busy = new ProviderUnavailable("payment provider", null, RETRY_AFTER_SLOW, full);
            mine.completeExceptionally(busy);
            CompletableFuture<Synced> followUp;
            synchronized (followUps) {
                followUp = followUps.remove(customer);
            }
            if (followUp != null) {
                followUp.completeExceptionally(busy);
            }
        }
        return mine;
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
