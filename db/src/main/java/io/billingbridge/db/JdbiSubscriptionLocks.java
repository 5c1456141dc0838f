package io.billingbridge.db;

import io.billingbridge.core.lifecycle.SubscriptionLocks;
import io.billingbridge.core.payment.SubscriptionId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubscriptionLocks} as rows in {@code subscription_change_leases}: taking a lease is one atomic upsert that
 * succeeds only when the row is absent or lapsed, so two instances can never both hold one; the database clock
 * decides when a lease lapses.
 */
public final class JdbiSubscriptionLocks implements SubscriptionLocks {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiSubscriptionLocks.class);

    private final Jdbi jdbi;

    public JdbiSubscriptionLocks(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Lease> tryLock(SubscriptionId subscription, Duration length) {
        Objects.requireNonNull(subscription, "subscription");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be positive");
        }
        UUID holder = UUID.randomUUID();
        String id = subscription.value();
        int taken = jdbi.withExtension(SubscriptionLeaseDao.class,
                dao -> dao.take(id, holder, length.toMillis() / 1000.0));
        if (taken == 0) {
            LOG.debug("Subscription {} is leased by another writer", subscription);
            return Optional.empty();
        }
        return Optional.of(() -> jdbi.useExtension(SubscriptionLeaseDao.class, dao -> dao.release(id, holder)));
    }
}
