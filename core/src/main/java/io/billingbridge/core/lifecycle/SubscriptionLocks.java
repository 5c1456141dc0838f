package io.billingbridge.core.lifecycle;

import io.billingbridge.core.payment.SubscriptionId;
import java.time.Duration;
import java.util.Optional;

/**
 * Port: a short lease per subscription, shared by every server instance, so that two lifecycle writes on one
 * subscription (change, cancel, resume) never run at once.
 */
public interface SubscriptionLocks {

    /**
     * Takes the subscription's lease for at most {@code length} (a crashed holder's lease lapses then), or empty
     * when someone else holds it; never waits.
     */
    Optional<Lease> tryLock(SubscriptionId subscription, Duration length);

    /** A held lease; closing it lets the next writer in. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
