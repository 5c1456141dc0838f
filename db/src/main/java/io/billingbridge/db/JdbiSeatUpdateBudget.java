package io.billingbridge.db;

import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.seats.SeatUpdateBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SeatUpdateBudget} in {@code seat_updates}: a per-subscription advisory lock makes count-then-insert atomic
 * across instances; rows older than the window are pruned as it goes.
 */
public final class JdbiSeatUpdateBudget implements SeatUpdateBudget {
    /** First key of the two-key advisory lock, so these locks never collide with anyone else's. */
    private static final int SEAT_LOCK_NAMESPACE = 0x6262_0002;

    private final Jdbi jdbi;

    public JdbiSeatUpdateBudget(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Duration> trySpend(SubscriptionId subscription, Instant now, int limit, Duration window) {
        String id = subscription.value();
        return jdbi.inTransaction(handle -> {
            SeatUpdateDao dao = handle.attach(SeatUpdateDao.class);
            dao.lock(SEAT_LOCK_NAMESPACE, id);
            dao.prune(id, now.minus(window).atOffset(ZoneOffset.UTC));
            List<OffsetDateTime> recent = dao.recent(id);
            if (recent.size() >= limit) {
                return Optional.of(Duration.between(now, recent.get(0).toInstant().plus(window)));
            }
            dao.insert(id, now.atOffset(ZoneOffset.UTC));
            return Optional.<Duration>empty();
        });
    }
}
