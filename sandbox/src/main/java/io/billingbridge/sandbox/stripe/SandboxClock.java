package io.billingbridge.sandbox.stripe;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's notion of "now": the configured clock plus however far tests advanced it. */
final class SandboxClock {

    private final Clock base;
    private final AtomicLong offsetSeconds = new AtomicLong();

    SandboxClock(Clock base) {
        this.base = base;
    }

    /** Unix seconds, as Stripe timestamps are. */
    long now() {
        return base.instant().getEpochSecond() + offsetSeconds.get();
    }

    void advance(long seconds) {
        offsetSeconds.addAndGet(seconds);
    }

    void reset() {
        offsetSeconds.set(0);
    }
}
