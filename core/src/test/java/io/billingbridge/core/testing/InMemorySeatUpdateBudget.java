package io.billingbridge.core.testing;

import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.seats.SeatUpdateBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SeatUpdateBudget} in memory, with the same sliding window as the database's. */
public final class InMemorySeatUpdateBudget implements SeatUpdateBudget {
    private final Map<SubscriptionId, Deque<Instant>> updates = new HashMap<>();

    @Override
    public synchronized Optional<Duration> trySpend(SubscriptionId subscription, Instant now, int limit, Duration window) {
        Deque<Instant> recent = updates.computeIfAbsent(subscription, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.pollFirst();
        }
        if (recent.size() >= limit) {
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
        recent.addLast(now);
        return Optional.empty();
    }
}
