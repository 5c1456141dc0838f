package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.Objects;

/**
 * One usage event as sent to Stripe: the meter it counts for, the customer, the value, the identifier that makes a
 * resend harmless, and the time it happened.
 */
public record MeterEvent(Meter meter, CustomerId customer, long value, UsageIdentifier identifier,
        Instant timestamp) {
    public MeterEvent {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(timestamp, "timestamp");
        if (value < 0) {
            throw new IllegalArgumentException("value cannot be negative");
        }
    }
}
