package io.billingbridge.core.testing;

import io.billingbridge.core.lifecycle.SubscriptionLocks;
import io.billingbridge.core.payment.SubscriptionId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SubscriptionLocks} in memory: one holder per subscription, no expiry. */
public final class InMemorySubscriptionLocks implements SubscriptionLocks {
    public final Set<SubscriptionId> held = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Lease> tryLock(SubscriptionId subscription, Duration length) {
        if (!held.add(subscription)) {
            return Optional.empty();
        }
        return Optional.of(() -> held.remove(subscription));
    }
}
