package io.billingbridge.core.usage;

import java.util.Objects;

/**
 * The application's id for one usage event: deduplicated here and sent to Stripe as the meter event's
 * {@code identifier}, so a retried report or a retried send never counts twice.
 *
 * @param value 1 to 100 visible ASCII characters without spaces (Stripe's limit is 100 characters)
 */
public record UsageIdentifier(String value) {
    /** Stripe's longest meter event identifier. */
    public static final int MAX_LENGTH = 100;

    public UsageIdentifier {
        Objects.requireNonNull(value, "identifier");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("identifier must be 1 to 100 visible ASCII characters without spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
