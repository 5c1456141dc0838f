package io.billingbridge.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.billingbridge.core.error.ProviderUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a JWKS URL, cached for a TTL, with at most one refresh per interval when an unknown {@code kid}
 * appears, so that forged kids never cause a fetch per request.
 */
final class JwksSigningKeys implements SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(JwksSigningKeys.class);

    private final HttpClient http;
    private final URI url;
    private final Optional<String> secretKey;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Duration timeout;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile KeySet keys;
    private Instant lastAttempt;

    JwksSigningKeys(HttpClient http, ClerkTokenVerifierConfig config) {
        this.http = http;
        this.url = config.jwksUrl().orElseThrow();
        this.secretKey = config.secretKey();
        this.ttl = config.jwksCacheTtl();
        this.minRefreshInterval = config.jwksMinRefreshInterval();
        this.timeout = config.httpTimeout();
        this.clock = config.clock();
    }

    @Override
    public RSAPublicKey keyFor(Optional<String> kid) throws TokenRejected {
        if (kid.isEmpty()) {
            throw new TokenRejected(TokenCheck.KEY);
        }
        KeySet seen = keys;
        if (seen == null || seen.staleAt(clock.instant(), ttl)) {
            seen = refresh(seen, false);
        }
        RSAPublicKey key = seen.keys().get(kid.get());
        if (key != null) {
            return key;
        }
        KeySet refreshed = refresh(seen, true);
        key = refreshed.keys().get(kid.get());
        if (key == null) {
            throw new TokenRejected(TokenCheck.KEY);
        }
        return key;
    }

    /** The current key set, fetched again when due and not rate-limited; never null. */
    private KeySet refresh(KeySet seen, boolean unknownKid) {
        synchronized (lock) {
            KeySet current = keys;
            if (current != seen && current != null) {
                return current;
            }
            Instant now = clock.instant();
            boolean due = current == null || unknownKid || current.staleAt(now, ttl);
            boolean limited = lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval));
            if (due && !limited) {
                lastAttempt = now;
                try {
                    keys = fetch(now);
                    return keys;
                } catch (JwksUnavailable e) {
                    LOG.warn("Could not fetch Clerk JWKS from {}: {}", url, e.getMessage());
                }
            }
            if (keys == null) {
                throw new ProviderUnavailable("clerk", null, minRefreshInterval.isZero()
                        ? Duration.ofSeconds(1) : minRefreshInterval, null);
            }
            return keys;
        }
    }

    private KeySet fetch(Instant now) throws JwksUnavailable {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "application/json");
        secretKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JwksUnavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwksUnavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new JwksUnavailable("HTTP " + response.statusCode());
        }
        Map<String, RSAPublicKey> found = new HashMap<>();
        try {
            for (JWK jwk : JWKSet.parse(response.body()).getKeys()) {
                if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null
                        && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
                    found.put(jwk.getKeyID(), rsa.toRSAPublicKey());
                }
            }
        } catch (ParseException | JOSEException e) {
            throw new JwksUnavailable("unparseable key set");
        }
        LOG.info("Loaded {} Clerk signing key(s) from {}", found.size(), url);
        return new KeySet(Map.copyOf(found), now);
    }

    private record KeySet(Map<String, RSAPublicKey> keys, Instant fetchedAt) {
        boolean staleAt(Instant now, Duration ttl) {
            return !now.isBefore(fetchedAt.plus(ttl));
        }
    }

    private static final class JwksUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        JwksUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
