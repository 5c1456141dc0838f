package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key Stripe deduplicates a POST by: a retry with the same key returns the first result instead of acting twice.
 *
 * <p>Stripe keeps keys for 24 hours and accepts at most 255 characters; ours are printable ASCII without spaces.
 */
public record IdempotencyKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[!-~]{1,255}");

    public IdempotencyKey {
        Objects.requireNonNull(value, "idempotency key");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an idempotency key is 1-255 printable ASCII characters without spaces");
        }
    }

    /** A key never used before: the purpose as a readable prefix, then a random UUID. */
    public static IdempotencyKey fresh(String purpose) {
        return new IdempotencyKey(purpose + "-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
