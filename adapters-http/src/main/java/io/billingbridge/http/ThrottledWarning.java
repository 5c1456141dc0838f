package io.billingbridge.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One warn line per interval for a condition that repeats on every request (an outage), with the number of
 * lines left out since the last one, so an outage under load does not flood the log.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowed;
    private final AtomicInteger suppressed = new AtomicInteger();

    ThrottledWarning(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /** Logs {@code message} (its one {@code {}} is the count of suppressed lines) or counts it as suppressed. */
    boolean warn(String message) {
        long now = nanoTime.getAsLong();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            log.warn(message, suppressed.getAndSet(0));
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }
}
