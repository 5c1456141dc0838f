package io.billingbridge.clerk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ClerkIdentityDirectory} reaches Clerk's Backend API. Build it with {@link #builder(String)}.
 *
 * @param apiUrl the API origin ({@code CLERK_API_URL}, default {@code https://api.clerk.com}); paths start at {@code /v1}
 * @param secretKey the instance's secret key ({@code CLERK_SECRET_KEY}), sent as a Bearer token
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request
 * @param maxRetries retries after the first attempt on 5xx, 429 and network failures
 * @param initialBackoff the wait before the first retry of a 5xx or network failure, doubled each time
 * @param maxBackoff the longest such wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured by waiting; longer ones fail at once
 * @param clock reads HTTP-date {@code Retry-After} values
 */
public record ClerkBackendConfig(URI apiUrl, String secretKey, Duration connectTimeout, Duration requestTimeout,
        int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, Clock clock) {

    /** Clerk's production Backend API origin. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.clerk.com");

    public ClerkBackendConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(clock, "clock");
        if (!"https".equals(apiUrl.getScheme()) && !"http".equals(apiUrl.getScheme())) {
            throw new IllegalArgumentException("apiUrl must be an http(s) URL");
        }
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey is blank");
        }
        for (Duration d : new Duration[] {connectTimeout, requestTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("backoff bounds must not be negative");
            }
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0-10");
        }
    }

    /** Defaults: Clerk's API URL, 5 s connect, 10 s request, 2 retries, 250 ms-2 s backoff, Retry-After up to 10 s. */
    public static Builder builder(String secretKey) {
        return new Builder(secretKey);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "ClerkBackendConfig[apiUrl=" + apiUrl + ", secretKey=***, requestTimeout=" + requestTimeout
                + ", maxRetries=" + maxRetries + "]";
    }

    /** Collects options for a {@link ClerkBackendConfig}. */
    public static final class Builder {
        private final String secretKey;
        private URI apiUrl = DEFAULT_API_URL;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration maxRetryAfter = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder(String secretKey) {
            this.secretKey = secretKey;
        }

        public Builder apiUrl(URI url) {
            this.apiUrl = url;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = max;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The validated configuration. */
        public ClerkBackendConfig build() {
            return new ClerkBackendConfig(apiUrl, secretKey, connectTimeout, requestTimeout, maxRetries,
                    initialBackoff, maxBackoff, maxRetryAfter, clock);
        }
    }
}
