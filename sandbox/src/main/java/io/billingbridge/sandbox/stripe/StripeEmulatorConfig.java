package io.billingbridge.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of a {@link StripeEmulator}; build one with {@link #builder()}.
 *
 * @param host address to bind, loopback by default
 * @param port TCP port, 0 for any free port
 * @param secretKeys accepted API keys; empty accepts any key starting with {@code sk_test_}
 * @param webhookEndpoints endpoints registered at start, as if created through the API
 * @param clock the base clock; {@code /_sandbox/clock/advance} moves the emulator ahead of it
 * @param seedProducts products (with prices and features) created at start
 * @param threads worker threads of the HTTP server
 * @param webhookRetry how failed webhook deliveries are retried
 */
public record StripeEmulatorConfig(String host, int port, Set<String> secretKeys, List<WebhookEndpoint> webhookEndpoints,
        Clock clock, List<SeedProduct> seedProducts, int threads, WebhookRetry webhookRetry) {

    /** The API version the emulator speaks and stamps on events, the one stripe-java 33.3.0 pins. */
    public static final String API_VERSION = "2026-07-29.dahlia";

    public StripeEmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(webhookRetry, "webhookRetry");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
        secretKeys = Set.copyOf(secretKeys);
        webhookEndpoints = List.copyOf(webhookEndpoints);
        seedProducts = List.copyOf(seedProducts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A webhook endpoint configured at start.
     *
     * @param url where events are POSTed
     * @param secret the signing secret, conventionally {@code whsec_...}
     * @param enabledEvents event types to send; {@code *} sends all
     */
    public record WebhookEndpoint(String url, String secret, List<String> enabledEvents) {

        public WebhookEndpoint {
            Objects.requireNonNull(url, "url");
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("webhook secret must not be blank");
            }
            enabledEvents = enabledEvents == null || enabledEvents.isEmpty() ? List.of("*") : List.copyOf(enabledEvents);
        }

        public WebhookEndpoint(String url, String secret) {
            this(url, secret, List.of("*"));
        }
    }

    /**
     * A product to create at start.
     *
     * @param name product name
     * @param description optional description
     * @param metadata product metadata
     * @param featureLookupKeys entitlement features (created if absent) attached to the product
     * @param prices prices of the product
     */
    public record SeedProduct(String name, String description, Map<String, String> metadata,
            List<String> featureLookupKeys, List<SeedPrice> prices) {

        public SeedProduct {
            Objects.requireNonNull(name, "name");
            metadata = Map.copyOf(metadata);
            featureLookupKeys = List.copyOf(featureLookupKeys);
            prices = List.copyOf(prices);
        }
    }

    /**
     * A price of a seeded product.
     *
     * @param lookupKey optional lookup key
     * @param unitAmount amount in the currency's minor unit
     * @param currency three-letter ISO code, lower case
     * @param interval {@code day}, {@code week}, {@code month} or {@code year}; null for a one-time price
     * @param metadata price metadata
     */
    public record SeedPrice(String lookupKey, long unitAmount, String currency, String interval,
            Map<String, String> metadata) {

        public SeedPrice {
            Objects.requireNonNull(currency, "currency");
            if (unitAmount < 0) {
                throw new IllegalArgumentException("unitAmount must not be negative");
            }
            if (interval != null && !List.of("day", "week", "month", "year").contains(interval)) {
                throw new IllegalArgumentException("interval must be day, week, month or year");
            }
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * Retry policy for webhook deliveries that fail (non-2xx or no answer).
     *
     * @param maxAttempts attempts per event and endpoint, including the first
     * @param initialBackoff wait before the second attempt; doubles each time
     * @param maxBackoff upper bound of the wait
     */
    public record WebhookRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

        public WebhookRetry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be positive");
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }
    }

    /** Builds a {@link StripeEmulatorConfig}; everything has a default. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Set<String> secretKeys = Set.of();
        private final List<WebhookEndpoint> webhookEndpoints = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private final List<SeedProduct> seedProducts = new ArrayList<>();
        private int threads = 8;
        private WebhookRetry webhookRetry = new WebhookRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder secretKeys(Set<String> secretKeys) {
            this.secretKeys = secretKeys;
            return this;
        }

        public Builder webhookEndpoint(String url, String secret) {
            webhookEndpoints.add(new WebhookEndpoint(url, secret));
            return this;
        }

        public Builder webhookEndpoint(WebhookEndpoint endpoint) {
            webhookEndpoints.add(endpoint);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder seedProduct(SeedProduct product) {
            seedProducts.add(product);
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder webhookRetry(WebhookRetry webhookRetry) {
            this.webhookRetry = webhookRetry;
            return this;
        }

        public StripeEmulatorConfig build() {
            return new StripeEmulatorConfig(host, port, secretKeys, webhookEndpoints, clock, seedProducts, threads,
                    webhookRetry);
        }
    }
}
