package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A usage event accepted for storing: pending with its owner's customer, or waiting (without one, or without a
 * subscription metering it yet).
 *
 * @param timestamp when the usage happened: the reported time, else {@code receivedAt}
 */
public record AcceptedUsage(UsageEvent event, Optional<CustomerId> customer, UsageState state, Instant timestamp,
        Instant receivedAt) {
    public AcceptedUsage {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (state != UsageState.PENDING && state != UsageState.WAITING) {
            throw new IllegalArgumentException("accepted usage is pending or waiting");
        }
        if (state == UsageState.PENDING && customer.isEmpty()) {
            throw new IllegalArgumentException("pending usage has its customer");
        }
    }
}
