package io.billingbridge.core.testing;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.usage.Meter;
import io.billingbridge.core.usage.MeterEvent;
import io.billingbridge.core.usage.MeterEvents;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.usage.SendOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's meters in memory: meters, which meters each customer is subscribed to, and the events Stripe recorded,
 * counted once per identifier as Stripe does; outcomes can be scripted ahead.
 */
public final class FakeMeterEvents implements MeterEvents {
    public final List<Meter> meters = new ArrayList<>();
    public final Map<CustomerId, Set<MeterId>> subscriptions = new HashMap<>();
    /** Events Stripe recorded, by identifier. */
    public final Map<String, MeterEvent> recorded = new HashMap<>();
    /** Every send attempted, in order. */
    public final List<MeterEvent> attempts = new ArrayList<>();
    /** Outcomes to answer the next sends with, before looking at the event. */
    public final Deque<SendOutcome> scripted = new ArrayDeque<>();
    public int meterLists;
    public int subscriptionLists;
    public boolean down;

    public Meter addMeter(String id, String eventName) {
        Meter meter = new Meter(new MeterId(id), eventName, eventName, "stripe_customer_id", "value");
        meters.add(meter);
        return meter;
    }

    public void subscribe(CustomerId customer, MeterId meterId) {
        subscriptions.computeIfAbsent(customer, c -> new HashSet<>()).add(meterId);
    }

    @Override
    public synchronized List<Meter> activeMeters() {
        meterLists++;
        requireUp();
        return List.copyOf(meters);
    }

    @Override
    public synchronized Set<MeterId> meteredMeters(CustomerId customer) {
        subscriptionLists++;
        requireUp();
        return Set.copyOf(subscriptions.getOrDefault(customer, Set.of()));
    }

    @Override
    public synchronized SendOutcome send(MeterEvent event) {
        attempts.add(event);
        if (!scripted.isEmpty()) {
            SendOutcome outcome = scripted.poll();
            if (outcome instanceof SendOutcome.Sent) {
                recorded.putIfAbsent(event.identifier().value(), event);
            }
            return outcome;
        }
        if (down) {
            return new SendOutcome.TryLater("server_error", java.util.Optional.empty());
        }
        if (recorded.putIfAbsent(event.identifier().value(), event) != null) {
            return new SendOutcome.AlreadySent();
        }
        return new SendOutcome.Sent();
    }

    /** The sum of the recorded values for the customer on the meter. */
    public synchronized long total(CustomerId customer, String meterId) {
        return recorded.values().stream().filter(e -> e.customer().equals(customer)
                && e.meter().id().value().equals(meterId)).mapToLong(MeterEvent::value).sum();
    }

    private void requireUp() {
        if (down) {
            throw new ProviderUnavailable("stripe", null, Duration.ofSeconds(1), null);
        }
    }
}
