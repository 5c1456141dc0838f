package io.billingbridge.server;

import io.billingbridge.core.webhook.WebhookWorker;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the webhook worker on one thread: woken at once when an event is recorded, and every second for retries
 * and for events other instances recorded.
 */
final class WebhookWorkerLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkerLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<WebhookWorker> worker = new AtomicReference<>();

    void attach(WebhookWorker attached) {
        worker.set(attached);
    }

    /** Asks for a drain soon; cheap and safe to call from request threads. */
    void wake() {
        if (!executor.isShutdown()) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        WebhookWorker current = worker.get();
        if (current == null) {
            return;
        }
        try {
            current.drain();
        } catch (RuntimeException e) {
            LOG.warn("webhook worker could not read the ledger ({}); retrying in a second", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
