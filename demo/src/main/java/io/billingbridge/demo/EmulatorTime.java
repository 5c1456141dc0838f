package io.billingbridge.demo;

import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's billing clock: the Stripe emulator's time once the demo has started it, so that moving the emulator's
 * clock forward ({@code POST /_sandbox/clock/advance}) also moves grace periods and the other access states; the
 * system's time before that.
 */
final class EmulatorTime extends Clock {
    private volatile StripeEmulator emulator;

    /** From now on, answers the emulator's time. */
    void follow(StripeEmulator stripe) {
        this.emulator = stripe;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        StripeEmulator stripe = emulator;
        return stripe == null ? Instant.now() : Instant.ofEpochSecond(stripe.now());
    }
}
