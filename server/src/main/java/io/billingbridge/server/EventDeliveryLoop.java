package io.billingbridge.server;

import io.billingbridge.core.events.DeliverEvents;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delivery of events to the application's endpoints on one thread: woken at once when an event is recorded,
 * and every second for retries and for events other instances recorded.
 */
final class EventDeliveryLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EventDeliveryLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "event-delivery");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<DeliverEvents> worker = new AtomicReference<>();

    void attach(DeliverEvents attached) {
        worker.set(attached);
    }

    /** Asks for a drain soon; cheap and safe to call from request threads. */
    void wake() {
        if (!executor.isShutdown()) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        DeliverEvents current = worker.get();
        if (current == null) {
            return;
        }
        try {
            current.drain();
        } catch (RuntimeException e) {
            LOG.warn("event delivery could not read the outbox ({}); retrying in a second", e.getClass().getSimpleName());
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
