package io.billingbridge.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Stripe or Clerk could not be reached or failed; the request may succeed later.
 *
 * <p>Keeps the vendor's request id (for support), never the vendor's message.
 */
public final class ProviderUnavailable extends BillingException {
    private final String provider;
    private final String providerRequestId;
    private final Duration retryAfter;

    public ProviderUnavailable(String provider, String providerRequestId, Duration retryAfter, Throwable cause) {
        super("provider_unavailable", provider + " is unavailable; try again shortly", cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.providerRequestId = providerRequestId;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Which provider failed, e.g. {@code stripe} or {@code clerk}. */
    public String provider() {
        return provider;
    }

    /** The vendor's request id, when the vendor answered at all. */
    public Optional<String> providerRequestId() {
        return Optional.ofNullable(providerRequestId);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
