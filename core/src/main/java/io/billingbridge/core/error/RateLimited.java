package io.billingbridge.core.error;

import java.time.Duration;
import java.util.Objects;

/** The caller sent too many requests; they may try again after {@link #retryAfter()}. */
public final class RateLimited extends BillingException {
    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
        super("rate_limited", message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
