package io.billingbridge.clerk;

import io.billingbridge.core.access.Principal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session tokens that passed every check, so a frontend that sends the same token for its whole minute of life pays
 * for one RSA verification, not one per request.
 *
 * <p>Keyed by the SHA-256 of the token (the token itself is not kept). An entry answers only until the token's own
 * {@code exp} (plus the clock skew the checks allow), exactly as long as a fresh verification would accept it, and
 * never longer than {@code maxAge} after it was verified, so a long-lived token is verified again now and then (a
 * signing key removed from the JWKS stops such a token within {@code maxAge}). Nothing else a check reads can
 * change for the same token string under the same configuration. Rejections are never remembered. At most
 * {@code maxEntries} are kept: a full cache first drops the expired entries, then, if still full, every entry
 * (verifications resume at full cost for a moment, memory stays bounded).
 */
final class VerifiedTokens {
    /** Entries kept by default: a token is about 1 KB of traffic but an entry about 200 bytes of heap. */
    static final int DEFAULT_MAX_ENTRIES = 20_000;
    /** The longest an entry answers by default, whatever the token's {@code exp}. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(2);

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private record Digest(long a, long b, long c, long d) {
        static Digest of(String token) {
            ByteBuffer bytes = ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Digest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
        }
    }

    private record Entry(Principal principal, long validUntilMillis) {
    }

    private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Clock clock;

    /** @param maxEntries 0 turns the cache off */
    VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The caller of a token verified before and still within its lifetime; empty otherwise. */
    Optional<Principal> find(String token) {
        if (maxEntries == 0 || entries.isEmpty()) {
            return Optional.empty();
        }
        Digest digest = Digest.of(token);
        Entry entry = entries.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.validUntilMillis()) {
            entries.remove(digest, entry);
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    /**
     * Remembers a token that passed every check.
     *
     * @param acceptedUntilMillis the instant from which a fresh verification would refuse the token ({@code exp}
     *     plus the allowed skew)
     */
    void remember(String token, Principal principal, long acceptedUntilMillis) {
        if (maxEntries == 0) {
            return;
        }
        long now = clock.millis();
        long validUntil = Math.min(acceptedUntilMillis, now + maxAgeMillis);
        if (validUntil <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now);
        }
        entries.put(Digest.of(token), new Entry(principal, validUntil));
    }

    /** Entries kept now. */
    int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().validUntilMillis()) {
                it.remove();
            }
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }
}
