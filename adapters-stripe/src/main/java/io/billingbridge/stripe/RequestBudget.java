package io.billingbridge.stripe;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A client-side request budget: at most {@code perSecond} request starts in any one-second window.
 *
 * <p>A token bucket whose tokens each come back one second after they were taken: bursts up to the limit pass at
 * once, then callers wait (in order of arrival) for the oldest token. A caller that would wait longer than its
 * bound gets no token and is refused, so a backlog fails fast instead of piling up.
 */
final class RequestBudget {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final int perSecond;
    private final long[] starts;
    private final LongSupplier nanoTime;
    private int oldest;

    RequestBudget(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.starts = new long[perSecond];
        long now = nanoTime.getAsLong();
        Arrays.fill(starts, now - 2 * SECOND);
    }

    int perSecond() {
        return perSecond;
    }

    /**
     * Reserves a start time no earlier than {@code notBefore}.
     *
     * @return the {@link System#nanoTime()} at which the request may start, or {@code Long.MIN_VALUE} when that is
     *     more than {@code maxWait} away (nothing is reserved then)
     */
    synchronized long reserve(long notBefore, Duration maxWait) {
        long now = nanoTime.getAsLong();
        long at = Math.max(Math.max(now, notBefore), starts[oldest] + SECOND);
        if (at - now > maxWait.toNanos()) {
            return Long.MIN_VALUE;
        }
        starts[oldest] = at;
        oldest = (oldest + 1) % perSecond;
        return at;
    }
}
