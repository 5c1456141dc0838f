package io.billingbridge.core.lifecycle;

import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.payment.SubscriptionId;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a lifecycle write (change, withdraw, cancel, resume) holding the subscription's lease, so that a second write
 * on the same subscription, on any instance, is refused with {@code 409 change_in_progress} instead of racing it.
 */
public final class LifecycleWrites {
    /** The error code of a write refused because another one on the subscription is under way. */
    public static final String IN_PROGRESS = "change_in_progress";
    /**
     * Covers a write's Stripe calls (at most four, each bounded by the request timeout) with room to spare; a
     * crashed holder's lease lapses after it.
     */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    private final SubscriptionLocks locks;
    private final Duration lease;

    public LifecycleWrites(SubscriptionLocks locks, Duration lease) {
        this.locks = Objects.requireNonNull(locks, "locks");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }

    /**
     * Runs the write while holding the subscription's lease.
     *
     * @throws Conflict {@value #IN_PROGRESS} when another write holds it
     */
    public void exclusively(SubscriptionId subscription, Runnable write) {
        SubscriptionLocks.Lease held = locks.tryLock(subscription, lease).orElseThrow(() -> new Conflict(
                IN_PROGRESS, "another change to this subscription is under way; try again shortly"));
        try {
            write.run();
        } finally {
            held.close();
        }
    }
}
