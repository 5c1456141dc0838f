package io.billingbridge.core.lifecycle;

import java.util.function.Supplier;

/**
 * Runs one lifecycle write (cancel, resume) on a subscription: the single place where a per-subscription lease is to
 * be taken, so that two writes on one subscription cannot interleave (issue 9: the {@code SubscriptionLocks} port).
 *
 * <p>Until that lease is wired in, writes run as they come; Stripe's own ordering then decides, and each answer is
 * the freshly synced state.
 */
public final class LifecycleWrites {

    /** Runs the write and returns its result. */
    public <T> T run(OwnedSubscription subscription, Supplier<T> write) {
        return write.get();
    }
}
