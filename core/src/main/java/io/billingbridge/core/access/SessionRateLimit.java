package io.billingbridge.core.access;

import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token bucket for creating checkout and portal sessions, so one account cannot flood Stripe.
 *
 * <p>Per server instance: with N instances a user gets at most N times the rate, still far below Stripe's limits.
 */
public final class SessionRateLimit {
    private final int burst;
    private final Duration refillEvery;
    private final Clock clock;
    private final BillingSignals signals;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /**
     * @param burst sessions a user may start at once
     * @param refillEvery how often one more becomes available
     */
    public SessionRateLimit(int burst, Duration refillEvery, Clock clock, BillingSignals signals) {
        if (burst < 1 || refillEvery.isZero() || refillEvery.isNegative()) {
            throw new IllegalArgumentException("rate limit needs burst >= 1 and a positive refill interval");
        }
        this.burst = burst;
        this.refillEvery = refillEvery;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /**
     * Takes one token for the user.
     *
     * @throws RateLimited with the time until the next token
     */
    public void acquire(Principal principal) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(principal.userId().value(), k -> new Bucket(burst, now));
        synchronized (bucket) {
            double refilled = (double) Duration.between(bucket.updated, now).toNanos() / refillEvery.toNanos();
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refilled));
            bucket.updated = now;
            if (bucket.tokens < 1) {
                signals.rateLimited();
                long waitNanos = (long) ((1 - bucket.tokens) * refillEvery.toNanos());
                throw new RateLimited("too many billing sessions started; try again shortly",
                        Duration.ofSeconds(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)));
            }
            bucket.tokens -= 1;
        }
        if (buckets.size() > 100_000) {
            buckets.entrySet().removeIf(e -> Duration.between(e.getValue().updated, now).compareTo(refillEvery.multipliedBy(burst)) > 0);
        }
    }
}
