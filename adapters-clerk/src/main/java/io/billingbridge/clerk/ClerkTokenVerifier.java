package io.billingbridge.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.identity.TokenVerifier;
import java.net.http.HttpClient;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Clerk session tokens the way Clerk's own SDK does, and reads the caller (v1 or v2 claims) from them.
 *
 * <p>Checks, in {@code @clerk/backend}'s order: {@code typ} is {@code JWT} if present; the algorithm is
 * RS256/384/512 (never {@code none} or HMAC); the signature; {@code sub} is a string; {@code azp} is an
 * authorized party (a missing {@code azp} is rejected once parties are configured); {@code iss} when configured;
 * {@code exp}, {@code nbf}, {@code iat} within the clock skew; then {@code sts: pending} unless allowed and a
 * string {@code sid}. A rejection logs the failed check (never the token) and throws a generic
 * {@link Unauthenticated}. When the JWKS cannot be loaded at all it throws
 * {@link io.billingbridge.core.error.ProviderUnavailable} instead, since the caller is not to blame.
 */
public final class ClerkTokenVerifier implements TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkTokenVerifier.class);
    private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");

    private final ClerkTokenVerifierConfig config;
    private final SigningKeys keys;
    private final VerifiedTokens verified;

    /** A verifier for this configuration; with a JWKS URL, keys are fetched on first use and cached. */
    public ClerkTokenVerifier(ClerkTokenVerifierConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    ClerkTokenVerifier(ClerkTokenVerifierConfig config, HttpClient http) {
        this(config, http, new VerifiedTokens(VerifiedTokens.DEFAULT_MAX_ENTRIES, VerifiedTokens.DEFAULT_MAX_AGE,
                config.clock()));
    }

    ClerkTokenVerifier(ClerkTokenVerifierConfig config, HttpClient http, VerifiedTokens verified) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = config.jwtKeyPem().<SigningKeys>map(PemSigningKeys::new)
                .orElseGet(() -> new JwksSigningKeys(http, config));
        this.verified = Objects.requireNonNull(verified, "verified");
    }

    /**
     * The caller the token names, once every check passed; a token verified before answers from memory until its
     * {@code exp} (see {@link VerifiedTokens}), with the same verdict a fresh verification would give.
     */
    @Override
    public Principal verify(String token) {
        if (token != null) {
            Optional<Principal> known = verified.find(token);
            if (known.isPresent()) {
                return known.get();
            }
        }
        try {
            Checked checked = checked(token);
            verified.remember(token, checked.principal(), checked.acceptedUntilMillis());
            return checked.principal();
        } catch (TokenRejected e) {
            LOG.debug("Session token rejected at check {}: {}", e.check(), e.check().description());
            throw new Unauthenticated("invalid_session_token", "The session token is missing or invalid.");
        }
    }

    /** A token that passed every check: its caller, and when a fresh check would start refusing it. */
    private record Checked(Principal principal, long acceptedUntilMillis) {
    }

    /** Runs every check, throwing the first that fails. */
    Principal check(String token) throws TokenRejected {
        return checked(token).principal();
    }

    private Checked checked(String token) throws TokenRejected {
        if (token == null || token.isBlank()) {
            throw new TokenRejected(TokenCheck.PRESENT);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRejected(TokenCheck.FORMAT);
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejected(TokenCheck.FORMAT);
        }
        if (header.containsKey("typ") && !"JWT".equals(header.get("typ"))) {
            throw new TokenRejected(TokenCheck.TYPE);
        }
        if (!(header.get("alg") instanceof String alg) || !ALGORITHMS.contains(alg)) {
            throw new TokenRejected(TokenCheck.ALGORITHM);
        }
        SignedJWT jwt;
        Map<String, Object> claims;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new TokenRejected(TokenCheck.FORMAT);
        }
        RSAPublicKey key = keys.keyFor(Optional.ofNullable(jwt.getHeader().getKeyID()));
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new TokenRejected(TokenCheck.SIGNATURE);
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new TokenRejected(TokenCheck.SIGNATURE);
        }
        claims = jwt.getPayload().toJSONObject();
        if (claims == null) {
            throw new TokenRejected(TokenCheck.FORMAT);
        }
        long acceptedUntil = checkClaims(claims);
        return new Checked(SessionClaims.principal(claims), acceptedUntil);
    }

    /** Checks the claims; answers the instant from which {@code exp} (with the skew) refuses the token. */
    private long checkClaims(Map<String, Object> claims) throws TokenRejected {
        if (!(claims.get("sub") instanceof String)) {
            throw new TokenRejected(TokenCheck.SUBJECT);
        }
        if (!config.authorizedParties().isEmpty()) {
            if (!(claims.get("azp") instanceof String azp) || !config.authorizedParties().contains(azp)) {
                throw new TokenRejected(TokenCheck.AUTHORIZED_PARTY);
            }
        }
        if (config.issuer().isPresent() && !config.issuer().get().equals(claims.get("iss"))) {
            throw new TokenRejected(TokenCheck.ISSUER);
        }
        long now = config.clock().millis();
        long skew = config.clockSkew().toMillis();
        if (!(claims.get("exp") instanceof Number exp) || millis(exp) <= now - skew) {
            throw new TokenRejected(TokenCheck.EXPIRATION);
        }
        if (claims.containsKey("nbf")) {
            if (!(claims.get("nbf") instanceof Number nbf) || millis(nbf) > now + skew) {
                throw new TokenRejected(TokenCheck.NOT_BEFORE);
            }
        }
        if (claims.containsKey("iat")) {
            if (!(claims.get("iat") instanceof Number iat) || millis(iat) > now + skew) {
                throw new TokenRejected(TokenCheck.ISSUED_AT);
            }
        }
        if ("pending".equals(claims.get("sts")) && !config.allowPendingSessions()) {
            throw new TokenRejected(TokenCheck.SESSION_STATUS);
        }
        if (!(claims.get("sid") instanceof String sid) || sid.isEmpty()) {
            throw new TokenRejected(TokenCheck.SESSION_ID);
        }
        return millis(exp) + skew;
    }

    private static long millis(Number seconds) {
        return (long) Math.floor(seconds.doubleValue() * 1000.0);
    }
}
