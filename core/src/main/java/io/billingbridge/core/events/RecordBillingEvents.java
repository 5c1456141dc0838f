package io.billingbridge.core.events;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SnapshotListener;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listener: records a {@code billing.updated} event in the outbox, for every endpoint subscribed to it, when an
 * owner's plan, access state or entitlements differ from what the last such event told.
 *
 * <p>A sync that changed only what the plan-level view does not show (an invoice, a payment method) records
 * nothing, and running again for the same state (a listener retry) records nothing twice.
 */
public final class RecordBillingEvents implements SnapshotListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecordBillingEvents.class);

    private final EventOutbox outbox;
    private final List<String> endpoints;
    private final AccessStates accessStates;
    private final Clock clock;
    private final Runnable wakeDelivery;

    /**
     * @param endpoints every configured endpoint; those not subscribed to {@code billing.updated} are left out
     * @param wakeDelivery asks the delivery worker to run soon
     */
    public RecordBillingEvents(EventOutbox outbox, List<EventEndpoint> endpoints, AccessStates accessStates,
            Clock clock, Runnable wakeDelivery) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endpoints = endpoints.stream().filter(e -> e.subscribesTo(EventType.BILLING_UPDATED))
                .map(EventEndpoint::key).toList();
        this.accessStates = Objects.requireNonNull(accessStates, "accessStates");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wakeDelivery = Objects.requireNonNull(wakeDelivery, "wakeDelivery");
    }

    /** True when some endpoint receives {@code billing.updated}; without one, this listener need not be installed. */
    public boolean anySubscriber() {
        return !endpoints.isEmpty();
    }

    @Override
    public void snapshotChanged(Owner owner, BillingSnapshot snapshot) {
        if (endpoints.isEmpty()) {
            return;
        }
        PlanSummary summary = PlanSummary.of(snapshot, accessStates, clock.instant());
        outbox.recordBillingUpdate(owner, summary, endpoints, EventId.random(), clock.instant()).ifPresent(id -> {
            LOG.debug("recorded event {} (billing.updated) of {} for {} endpoints", id, owner.key(), endpoints.size());
            wakeDelivery.run();
        });
    }
}
