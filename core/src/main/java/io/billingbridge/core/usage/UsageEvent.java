package io.billingbridge.core.usage;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One usage event reported by the application's backend for an owner.
 *
 * @param eventName the Stripe meter's {@code event_name}, e.g. {@code api_calls}
 * @param value a whole number from 0 to {@link #MAX_VALUE}, sent to Stripe as its decimal string (Stripe takes meter
 *     values as strings; whole numbers keep a sum exact)
 * @param timestamp when the usage happened; empty for "when Billing Bridge received it"
 */
public record UsageEvent(Owner owner, String eventName, long value, UsageIdentifier identifier,
        Optional<Instant> timestamp) {
    /** The largest value one event may carry: twelve digits, far from overflowing a sum of many. */
    public static final long MAX_VALUE = 999_999_999_999L;
    /** Stripe's longest meter event name. */
    public static final int MAX_EVENT_NAME_LENGTH = 100;

    public UsageEvent {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(timestamp, "timestamp");
        requireEventName(eventName);
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("value must be a whole number from 0 to " + MAX_VALUE);
        }
    }

    /**
     * Checks a meter event name: 1 to 100 visible ASCII characters without spaces.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static String requireEventName(String eventName) {
        if (eventName == null || eventName.isEmpty() || eventName.length() > MAX_EVENT_NAME_LENGTH
                || !eventName.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("event must be a meter's event name: 1 to 100 visible ASCII characters"
                    + " without spaces");
        }
        return eventName;
    }
}
