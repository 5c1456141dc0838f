package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending usage event claimed for sending to Stripe.
 *
 * @param attempts how many sends were tried before this one
 */
public record ClaimedUsage(UsageIdentifier identifier, Owner owner, CustomerId customer, String eventName,
        long value, Instant timestamp, int attempts) {
    public ClaimedUsage {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        UsageEvent.requireEventName(eventName);
        Objects.requireNonNull(timestamp, "timestamp");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }
}
