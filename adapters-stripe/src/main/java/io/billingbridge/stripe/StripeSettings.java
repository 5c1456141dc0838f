package io.billingbridge.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable settings of the Stripe adapter; build one with {@link #builder(String, String)}.
 *
 * <p>Validated on construction with messages that never echo a key; {@link #toString()} prints no secret.
 *
 * @param secretKey the Stripe secret or restricted key ({@code sk_...} or {@code rk_...}), from {@code STRIPE_SECRET_KEY}
 * @param apiBase where the Stripe API lives ({@code https://api.stripe.com}, or the sandbox emulator)
 * @param webhookSecret the endpoint's signing secret ({@code whsec_...}), from {@code STRIPE_WEBHOOK_SECRET}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for a response
 * @param maxNetworkRetries retries of connection errors, 409 and 5xx by stripe-java (same idempotency key)
 * @param requestTimeout the bound on one Stripe call made while an HTTP request waits: each attempt's connect and
 *     read timeout (when shorter than the ones above), and no retry starts once it has passed since the call began
 * @param opsPerSecond client-side budget for all Stripe requests (Stripe allows 25/s in test mode, 100/s live)
 * @param searchPerSecond client-side budget for search requests, at most Stripe's 20/s
 * @param meterEventsPerSecond client-side budget for sending meter events, apart from {@code opsPerSecond}: Stripe
 *     limits its meter events endpoint separately from the rest of the API (1,000/s in live mode)
 * @param maxBudgetWait the longest a request waits for the budget before failing as unavailable
 * @param webhookTolerance how old a webhook signature's timestamp may be
 */
public record StripeSettings(
        String secretKey,
        URI apiBase,
        String webhookSecret,
        Duration connectTimeout,
        Duration readTimeout,
        int maxNetworkRetries,
        Duration requestTimeout,
        int opsPerSecond,
        int searchPerSecond,
        int meterEventsPerSecond,
        Duration maxBudgetWait,
        Duration webhookTolerance) {

    /** Stripe's production API. */
    public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");
    /** Stripe's search rate limit per second. */
    public static final int STRIPE_SEARCH_LIMIT = 20;
    /** Stripe's live-mode limit on meter events per second. */
    public static final int STRIPE_METER_EVENTS_LIMIT = 1000;
    /** The default budget for meter events: well inside Stripe's limits in test and live mode. */
    public static final int DEFAULT_METER_EVENTS_PER_SECOND = 100;

    public StripeSettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Stripe secret key is missing (set STRIPE_SECRET_KEY)");
        }
        if (!(secretKey.startsWith("sk_") || secretKey.startsWith("rk_")) || secretKey.length() < 8
                || secretKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "Stripe secret key must be a secret (sk_...) or restricted (rk_...) key without spaces");
        }
        Objects.requireNonNull(apiBase, "apiBase");
        String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
        if (!apiBase.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || apiBase.getHost() == null
                || apiBase.getRawQuery() != null || apiBase.getRawFragment() != null) {
            throw new IllegalArgumentException("Stripe API base must be an http(s) URL without query, such as "
                    + DEFAULT_API_BASE);
        }
        String text = apiBase.toString();
        if (text.endsWith("/")) {
            apiBase = URI.create(text.substring(0, text.length() - 1));
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Stripe webhook secret is missing (set STRIPE_WEBHOOK_SECRET)");
        }
        connectTimeout = positiveMillis(connectTimeout, "connectTimeout");
        readTimeout = positiveMillis(readTimeout, "readTimeout");
        requestTimeout = positiveMillis(requestTimeout, "requestTimeout");
        if (maxNetworkRetries < 0 || maxNetworkRetries > 10) {
            throw new IllegalArgumentException("maxNetworkRetries must be 0..10, was " + maxNetworkRetries);
        }
        if (opsPerSecond < 1) {
            throw new IllegalArgumentException("opsPerSecond must be positive, was " + opsPerSecond);
        }
        if (searchPerSecond < 1 || searchPerSecond > STRIPE_SEARCH_LIMIT) {
            throw new IllegalArgumentException("searchPerSecond must be 1.." + STRIPE_SEARCH_LIMIT
                    + " (Stripe's search limit), was " + searchPerSecond);
        }
        if (meterEventsPerSecond < 1 || meterEventsPerSecond > STRIPE_METER_EVENTS_LIMIT) {
            throw new IllegalArgumentException("meterEventsPerSecond must be 1.." + STRIPE_METER_EVENTS_LIMIT
                    + " (Stripe's meter events limit), was " + meterEventsPerSecond);
        }
        Objects.requireNonNull(maxBudgetWait, "maxBudgetWait");
        if (maxBudgetWait.isNegative()) {
            throw new IllegalArgumentException("maxBudgetWait must not be negative");
        }
        Objects.requireNonNull(webhookTolerance, "webhookTolerance");
        if (webhookTolerance.getSeconds() < 1) {
            throw new IllegalArgumentException("webhookTolerance must be at least one second");
        }
    }

    private static Duration positiveMillis(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days, was " + value);
        }
        return value;
    }

    /**
     * A builder with Stripe's defaults (production API base, 30 s connect, 80 s read, 2 retries, 25 ops/s) and a
     * 5 s bound on calls made inside an HTTP request.
     */
    public static Builder builder(String secretKey, String webhookSecret) {
        return new Builder(secretKey, webhookSecret);
    }

    /** True for a live-mode key; a test-mode key starts with {@code sk_test_} or {@code rk_test_}. */
    public boolean liveMode() {
        return secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_");
    }

    @Override
    public String toString() {
        return "StripeSettings[secretKey=" + (liveMode() ? "(live key)" : "(test key)") + ", apiBase=" + apiBase
                + ", webhookSecret=(set), connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + ", requestTimeout=" + requestTimeout
                + ", opsPerSecond=" + opsPerSecond + ", searchPerSecond=" + searchPerSecond
                + ", meterEventsPerSecond=" + meterEventsPerSecond
                + ", maxBudgetWait=" + maxBudgetWait
                + ", webhookTolerance=" + webhookTolerance + "]";
    }

    /** Builds {@link StripeSettings}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String secretKey;
        private final String webhookSecret;
        private URI apiBase = DEFAULT_API_BASE;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(80);
        private int maxNetworkRetries = 2;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private int opsPerSecond = 25;
        private int searchPerSecond = STRIPE_SEARCH_LIMIT;
        private int meterEventsPerSecond = DEFAULT_METER_EVENTS_PER_SECOND;
        private Duration maxBudgetWait = Duration.ofSeconds(10);
        private Duration webhookTolerance = Duration.ofSeconds(300);

        private Builder(String secretKey, String webhookSecret) {
            this.secretKey = secretKey;
            this.webhookSecret = webhookSecret;
        }

        public Builder apiBase(URI apiBase) {
            this.apiBase = apiBase;
            return this;
        }

        public Builder apiBase(String apiBase) {
            return apiBase(URI.create(Objects.requireNonNull(apiBase, "apiBase")));
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxNetworkRetries(int maxNetworkRetries) {
            this.maxNetworkRetries = maxNetworkRetries;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder opsPerSecond(int opsPerSecond) {
            this.opsPerSecond = opsPerSecond;
            return this;
        }

        public Builder searchPerSecond(int searchPerSecond) {
            this.searchPerSecond = searchPerSecond;
            return this;
        }

        public Builder meterEventsPerSecond(int meterEventsPerSecond) {
            this.meterEventsPerSecond = meterEventsPerSecond;
            return this;
        }

        public Builder maxBudgetWait(Duration maxBudgetWait) {
            this.maxBudgetWait = maxBudgetWait;
            return this;
        }

        public Builder webhookTolerance(Duration webhookTolerance) {
            this.webhookTolerance = webhookTolerance;
            return this;
        }

        public StripeSettings build() {
            return new StripeSettings(secretKey, apiBase, webhookSecret, connectTimeout, readTimeout,
                    maxNetworkRetries, requestTimeout, opsPerSecond, searchPerSecond, meterEventsPerSecond, maxBudgetWait,
                    webhookTolerance);
        }
    }
}
