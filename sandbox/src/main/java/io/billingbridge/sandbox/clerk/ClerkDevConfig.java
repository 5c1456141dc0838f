package io.billingbridge.sandbox.clerk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ClerkDevInstance} listens, which secret its Backend API wants, and where it sends webhooks.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port to bind; 0 picks a free port
 * @param secretKey the Backend API secret key ({@code Authorization: Bearer ...})
 * @param webhookUrl where Svix-signed webhooks go, if anywhere
 * @param webhookSecret the {@code whsec_} signing secret for those webhooks
 * @param authorizedParty the {@code azp} put in tokens not issued through a browser request (which use its Origin)
 * @param sessionTokenTtl lifetime of issued session tokens (Clerk's: 60 s)
 * @param seedDemoUsers whether to seed alice, bob, carol, dave, Acme and Globex
 * @param threads request-handling threads
 * @param clock the time source for tokens and webhook timestamps
 */
public record ClerkDevConfig(String host, int port, String secretKey, Optional<URI> webhookUrl,
        Optional<String> webhookSecret, Optional<String> authorizedParty, Duration sessionTokenTtl,
        boolean seedDemoUsers, int threads, Clock clock) {

    /** The secret key the dev instance accepts unless configured otherwise. */
    public static final String DEFAULT_SECRET_KEY = "sk_test_billingbridge_dev_instance";

    /** A webhook signing secret for local use only (base64 of a fixed phrase). */
    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_YmlsbGluZy1icmlkZ2UtZGV2LXdlYmhvb2stc2VjcmV0";

    public ClerkDevConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(authorizedParty, "authorizedParty");
        Objects.requireNonNull(sessionTokenTtl, "sessionTokenTtl");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey is blank");
        }
        if (webhookSecret.isPresent() && !webhookSecret.get().startsWith("whsec_")) {
            throw new IllegalArgumentException("webhookSecret must start with whsec_");
        }
        if (webhookUrl.isPresent() && webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("webhookUrl needs a webhookSecret");
        }
        if (sessionTokenTtl.isNegative() || sessionTokenTtl.isZero()) {
            throw new IllegalArgumentException("sessionTokenTtl must be positive");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1-64");
        }
    }

    /** Defaults: 127.0.0.1, a free port, {@link #DEFAULT_SECRET_KEY}, no webhooks, 60 s tokens, demo seed. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, as {@link #builder()} gives them. */
    public static ClerkDevConfig defaults() {
        return builder().build();
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ClerkDevConfig[host=" + host + ", port=" + port + ", webhookUrl=" + webhookUrl.map(URI::toString)
                .orElse("none") + ", sessionTokenTtl=" + sessionTokenTtl + ", seedDemoUsers=" + seedDemoUsers + "]";
    }

    /** Collects options for a {@link ClerkDevConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String secretKey = DEFAULT_SECRET_KEY;
        private URI webhookUrl;
        private String webhookSecret;
        private String authorizedParty;
        private Duration sessionTokenTtl = Duration.ofSeconds(60);
        private boolean seedDemoUsers = true;
        private int threads = 4;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String h) {
            this.host = h;
            return this;
        }

        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder secretKey(String key) {
            this.secretKey = key;
            return this;
        }

        /** Sends webhooks here, signed with {@code secret} ({@code whsec_...}). */
        public Builder webhook(URI url, String secret) {
            this.webhookUrl = url;
            this.webhookSecret = secret;
            return this;
        }

        public Builder authorizedParty(String azp) {
            this.authorizedParty = azp;
            return this;
        }

        public Builder sessionTokenTtl(Duration ttl) {
            this.sessionTokenTtl = ttl;
            return this;
        }

        public Builder seedDemoUsers(boolean seed) {
            this.seedDemoUsers = seed;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The validated configuration. */
        public ClerkDevConfig build() {
            return new ClerkDevConfig(host, port, secretKey, Optional.ofNullable(webhookUrl),
                    Optional.ofNullable(webhookSecret), Optional.ofNullable(authorizedParty), sessionTokenTtl,
                    seedDemoUsers, threads, clock);
        }
    }
}
