package io.billingbridge.server;

import io.billingbridge.core.usage.ForwardUsage;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the forwarding of usage to Stripe on one thread: woken after each accepted report (many wakes while a run is
 * queued make one run), and every {@code usage.forwardEvery} for retries, waiting usage and other instances' reports.
 */
final class UsageForwardingLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(UsageForwardingLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "usage-forwarding");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Duration every;
    private volatile ForwardUsage forward;

    UsageForwardingLoop(Duration every) {
        this.every = Objects.requireNonNull(every, "every");
    }

    void attach(ForwardUsage attached) {
        forward = attached;
    }

    /** Asks for a run soon; cheap and safe to call from request threads. */
    void wake() {
        if (queued.compareAndSet(false, true) && !executor.isShutdown()) {
            try {
                executor.execute(this::queuedRun);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    private void queuedRun() {
        queued.set(false);
        run();
    }

    private void run() {
        ForwardUsage current = forward;
        if (current == null) {
            return;
        }
        try {
            current.drain();
        } catch (RuntimeException e) {
            LOG.warn("usage forwarding could not run ({}); trying again in {}", e.getClass().getSimpleName(), every);
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
