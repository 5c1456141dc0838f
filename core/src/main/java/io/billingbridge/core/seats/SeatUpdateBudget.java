package io.billingbridge.core.seats;

import io.billingbridge.core.payment.SubscriptionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts quantity updates per subscription across every server instance, to stay under Stripe's limit of 200
 * quantity updates per subscription per hour.
 */
public interface SeatUpdateBudget {

    /**
     * Records one update of the subscription at {@code now}, unless {@code limit} updates were already recorded
     * within {@code window} before it.
     *
     * @return empty when the update was recorded and may be made; otherwise how long until one becomes available
     */
    Optional<Duration> trySpend(SubscriptionId subscription, Instant now, int limit, Duration window);
}
