package io.billingbridge.db;

import io.billingbridge.core.seats.SeatUpdateBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SeatUpdateBudget} in {@code seat_updates}: a per-subscription advisory lock makes count-then-insert atomic
 * across instances; rows older than the window are pruned as it goes.
 */
public final class JdbiSeatUpdateBudget implements SeatUpdateBudget {
    /** First key of the two-key advisory lock, distinct from the owner locks'. */
    private static final int SEAT_LOCK_NAMESPACE = 0x6262_0002;

    private final Jdbi jdbi;

    public JdbiSeatUpdateBudget(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Duration> trySpend(String subscriptionId, Instant now, int limit, Duration window) {
        OffsetDateTime since = now.minus(window).atOffset(ZoneOffset.UTC);
        return jdbi.inTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", SEAT_LOCK_NAMESPACE, subscriptionId);
            h.createUpdate("DELETE FROM seat_updates WHERE subscription_id = :s AND at <= :since")
                    .bind("s", subscriptionId).bind("since", since).execute();
            List<OffsetDateTime> recent = h.createQuery(
                            "SELECT at FROM seat_updates WHERE subscription_id = :s ORDER BY at")
                    .bind("s", subscriptionId)
                    .mapTo(OffsetDateTime.class)
                    .list();
            if (recent.size() >= limit) {
                return Optional.of(Duration.between(now, recent.get(0).toInstant().plus(window)));
            }
            h.createUpdate("INSERT INTO seat_updates (subscription_id, at) VALUES (:s, :at)")
                    .bind("s", subscriptionId).bind("at", now.atOffset(ZoneOffset.UTC)).execute();
            return Optional.<Duration>empty();
        });
    }
}
