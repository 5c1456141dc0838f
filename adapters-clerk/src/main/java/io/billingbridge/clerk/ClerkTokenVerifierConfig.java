package io.billingbridge.clerk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link ClerkTokenVerifier} finds Clerk's signing keys and which tokens it accepts.
 *
 * <p>Exactly one key source is set: a PEM public key ({@code CLERK_JWT_KEY}, no network) or a JWKS URL
 * (the Frontend API's {@code /.well-known/jwks.json}, or the Backend API's {@code /v1/jwks} together with
 * {@code CLERK_SECRET_KEY}). The secret key is only ever sent to the Backend API: it is set together with the
 * Backend API's origin ({@link Builder#backendJwks}), never with a separately configured JWKS URL. A JWKS URL
 * must be {@code https}, except on a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}).
 * Build it with {@link #builder()}; {@link Builder#build()} validates.
 *
 * @param jwtKeyPem the PEM ({@code -----BEGIN PUBLIC KEY-----}) of the instance's RSA public key
 * @param jwksUrl where to fetch the instance's JSON Web Key Set
 * @param secretKey sent as a Bearer token with JWKS requests; present only when {@code jwksUrl} is the Backend
 *     API's {@code /v1/jwks}
 * @param authorizedParties origins accepted in {@code azp}; when not empty, a token without {@code azp} is rejected
 * @param issuer the exact {@code iss} required, when set
 * @param allowPendingSessions whether a session with {@code sts: pending} is accepted
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat} (Clerk's default is 5 s)
 * @param jwksCacheTtl how long a fetched key set is used before it is fetched again (Clerk's SDK: 5 min)
 * @param jwksMinRefreshInterval the least time between two fetches caused by an unknown {@code kid}
 * @param httpTimeout connect and request timeout for JWKS fetches
 * @param clock the time source for token lifetimes and the JWKS cache
 */
public record ClerkTokenVerifierConfig(
        Optional<String> jwtKeyPem,
        Optional<URI> jwksUrl,
        Optional<String> secretKey,
        Set<String> authorizedParties,
        Optional<String> issuer,
        boolean allowPendingSessions,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksMinRefreshInterval,
        Duration httpTimeout,
        Clock clock) {

    /** The Backend API's JWKS path, the only JWKS that needs (and receives) the secret key. */
    static final String BACKEND_JWKS_PATH = "/v1/jwks";

    public ClerkTokenVerifierConfig {
        Objects.requireNonNull(jwtKeyPem, "jwtKeyPem");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(secretKey, "secretKey");
        authorizedParties = Set.copyOf(authorizedParties);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clock, "clock");
        requireNotNegative(clockSkew, "clockSkew");
        requireNotNegative(jwksCacheTtl, "jwksCacheTtl");
        requireNotNegative(jwksMinRefreshInterval, "jwksMinRefreshInterval");
        requirePositive(httpTimeout, "httpTimeout");
        if (jwtKeyPem.isPresent() == jwksUrl.isPresent()) {
            throw new IllegalArgumentException("set exactly one of jwtKeyPem and jwksUrl");
        }
        if (jwtKeyPem.isPresent() && jwtKeyPem.get().isBlank()) {
            throw new IllegalArgumentException("jwtKeyPem is blank");
        }
        if (jwksUrl.isPresent()) {
            requireHttpsOrLoopback(jwksUrl.get());
        }
        if (secretKey.isPresent() && !jwksUrl.map(ClerkTokenVerifierConfig::isBackendJwks).orElse(false)) {
            throw new IllegalArgumentException("the secret key is only sent to the Backend API's " + BACKEND_JWKS_PATH);
        }
    }

    /** A builder with Clerk's defaults: 5 s skew, 5 min JWKS cache, 10 s between unknown-kid refreshes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "ClerkTokenVerifierConfig[keySource=" + (jwtKeyPem.isPresent() ? "pem" : jwksUrl.orElseThrow())
                + ", secretKey=" + (secretKey.isPresent() ? "***" : "none")
                + ", authorizedParties=" + authorizedParties + ", issuer=" + issuer.orElse("any")
                + ", allowPendingSessions=" + allowPendingSessions + ", clockSkew=" + clockSkew + "]";
    }

    private static void requireHttpsOrLoopback(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme) && isLoopback(url.getHost()))) {
            throw new IllegalArgumentException("jwksUrl must be an https URL (plain http only on a loopback host"
                    + " such as 127.0.0.1, localhost or [::1])");
        }
    }

    /** Whether this URL host is loopback, judged from the literal alone: names other than localhost are not resolved. */
    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if ("localhost".equals(h) || "[::1]".equals(h)) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !"127".equals(parts[0])) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBackendJwks(URI url) {
        return url.getPath() != null && url.getPath().endsWith(BACKEND_JWKS_PATH);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Collects options for a {@link ClerkTokenVerifierConfig}. */
    public static final class Builder {
        private String jwtKeyPem;
        private URI jwksUrl;
        private String secretKey;
        private final Set<String> authorizedParties = new LinkedHashSet<>();
        private String issuer;
        private boolean allowPendingSessions;
        private Duration clockSkew = Duration.ofSeconds(5);
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksMinRefreshInterval = Duration.ofSeconds(10);
        private Duration httpTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Verifies with this PEM public key, without network access ({@code CLERK_JWT_KEY}). */
        public Builder jwtKeyPem(String pem) {
            this.jwtKeyPem = pem;
            return this;
        }

        /** Verifies with keys fetched from this JWKS URL, which never receives the secret key. */
        public Builder jwksUrl(URI url) {
            this.jwksUrl = url;
            this.secretKey = null;
            return this;
        }

        /**
         * Verifies with keys fetched from the Backend API's {@code /v1/jwks} at this origin ({@code CLERK_API_URL}),
         * sending the secret key ({@code CLERK_SECRET_KEY}) as a Bearer token, as that endpoint requires.
         */
        public Builder backendJwks(URI apiUrl, String key) {
            String origin = apiUrl.toString();
            this.jwksUrl = URI.create((origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                    + BACKEND_JWKS_PATH);
            this.secretKey = key;
            return this;
        }

        /** Adds accepted origins for {@code azp}. */
        public Builder authorizedParties(Set<String> parties) {
            this.authorizedParties.addAll(parties);
            return this;
        }

        /** Adds one accepted origin for {@code azp}. */
        public Builder authorizedParty(String party) {
            this.authorizedParties.add(party);
            return this;
        }

        /** Requires exactly this {@code iss}. */
        public Builder issuer(String iss) {
            this.issuer = iss;
            return this;
        }

        /** Accepts sessions with {@code sts: pending} (off by default). */
        public Builder allowPendingSessions(boolean allow) {
            this.allowPendingSessions = allow;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder jwksCacheTtl(Duration ttl) {
            this.jwksCacheTtl = ttl;
            return this;
        }

        public Builder jwksMinRefreshInterval(Duration interval) {
            this.jwksMinRefreshInterval = interval;
            return this;
        }

        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = timeout;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The validated configuration. */
        public ClerkTokenVerifierConfig build() {
            return new ClerkTokenVerifierConfig(Optional.ofNullable(jwtKeyPem), Optional.ofNullable(jwksUrl),
                    Optional.ofNullable(secretKey).filter(s -> !s.isBlank()), authorizedParties,
                    Optional.ofNullable(issuer).filter(s -> !s.isBlank()), allowPendingSessions, clockSkew,
                    jwksCacheTtl, jwksMinRefreshInterval, httpTimeout, clock);
        }
    }
}
