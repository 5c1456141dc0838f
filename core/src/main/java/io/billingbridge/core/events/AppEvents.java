package io.billingbridge.core.events;

import io.billingbridge.core.owner.Owner;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events to the application (all but {@code billing.updated}) in the outbox, for every endpoint subscribed
 * to their type, under an id derived from their source, so recording one again (a Stripe webhook processed twice, a
 * usage batch forwarded again) records nothing new.
 */
public final class AppEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AppEvents.class);

    private final EventOutbox outbox;
    private final List<EventEndpoint> endpoints;
    private final Clock clock;
    private final Runnable wakeDelivery;

    /**
     * @param endpoints every configured endpoint; each event goes to those subscribed to its type
     * @param wakeDelivery asks the delivery worker to run soon
     */
    public AppEvents(EventOutbox outbox, List<EventEndpoint> endpoints, Clock clock, Runnable wakeDelivery) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endpoints = List.copyOf(endpoints);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wakeDelivery = Objects.requireNonNull(wakeDelivery, "wakeDelivery");
    }

    /** True when some endpoint receives events of {@code type}, so building the event is worth the cost. */
    public boolean anySubscriber(EventType type) {
        return endpoints.stream().anyMatch(e -> e.subscribesTo(type));
    }

    /**
     * Records {@code event} for the endpoints subscribed to its type; nothing when none is.
     *
     * @return true when it was recorded now, false when no endpoint takes it or it was recorded before
     */
    public boolean record(AppEvent event) {
        Objects.requireNonNull(event, "event");
        List<String> subscribed = endpoints.stream().filter(e -> e.subscribesTo(event.type()))
                .map(EventEndpoint::key).toList();
        if (subscribed.isEmpty()) {
            return false;
        }
        boolean recorded = outbox.record(event, subscribed, clock.instant());
        if (recorded) {
            LOG.debug("recorded event {} ({}) of {} for {} endpoints", event.id(), event.type().wireName(),
                    event.owner().key(), subscribed.size());
            wakeDelivery.run();
        } else {
            LOG.debug("event {} ({}) of {} was recorded before", event.id(), event.type().wireName(),
                    event.owner().key());
        }
        return recorded;
    }

    /**
     * Records {@code usage.rejected}: usage the application reported for {@code owner} could not be billed. Called
     * again for the same identifier, it records nothing new.
     *
     * @param identifier the usage event's identifier as the application reported it
     * @param eventName the meter's event name the usage was reported for
     * @param reasonCode why, a short lower-case code such as {@code no_metered_subscription}
     * @return true when it was recorded now
     * @throws IllegalArgumentException when a field is empty, too long, or the code is not a short lower-case word
     */
    public boolean usageRejected(Owner owner, String identifier, String eventName, long value, String reasonCode) {
        return record(new AppEvent.UsageRejected(owner, identifier, eventName, value, reasonCode));
    }
}
