package io.billingbridge.server;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background drain (the webhook worker, event delivery, usage forwarding) on its own thread: woken at once
 * when work is recorded, and on a timer (every second unless told otherwise) for retries and for work other instances
 * recorded.
 *
 * <p>Wakes coalesce: however many requests ask while a run is queued, one run follows; a wake during a run queues the
 * next, so work recorded while draining is never left for the timer.
 */
final class DrainLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DrainLoop.class);

    private final String name;
    private final String store;
    private final Duration every;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Runnable> drain = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    /**
     * @param name the thread's name, e.g. {@code webhook-worker}
     * @param store what a drain reads, for the log line when it cannot, e.g. {@code the webhook ledger}
     */
    DrainLoop(String name, String store) {
        this(name, store, Duration.ofSeconds(1));
    }

    /** A loop whose timer runs a drain {@code every} this long after the last one ended. */
    DrainLoop(String name, String store, Duration every) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
        this.every = Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a drain loop's timer must be positive, not " + every);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Sets what a run does; until then a run does nothing. */
    void attach(Runnable attached) {
        drain.set(Objects.requireNonNull(attached, "attached"));
    }

    /** Asks for a run soon; cheap and safe to call from request threads. */
    void wake() {
        if (!executor.isShutdown() && queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    run();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    private void run() {
        Runnable current = drain.get();
        if (current == null) {
            return;
        }
        try {
            current.run();
        } catch (RuntimeException e) {
            LOG.warn("{} could not read {} ({}); retrying in {}", name, store, e.getClass().getSimpleName(), every);
        }
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
