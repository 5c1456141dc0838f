package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code seat_updates}; call it inside one transaction, which the lock lasts for. */
public interface SeatUpdateDao {

    /** Takes the subscription's transaction-scoped advisory lock, waiting for another holder to finish. */
    @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(:namespace, hashtext(:subscriptionId))")
    int lock(@Bind("namespace") int namespace, @Bind("subscriptionId") String subscriptionId);

    @SqlUpdate("DELETE FROM seat_updates WHERE subscription_id = :subscriptionId AND at <= :since")
    int prune(@Bind("subscriptionId") String subscriptionId, @Bind("since") OffsetDateTime since);

    @SqlQuery("SELECT at FROM seat_updates WHERE subscription_id = :subscriptionId ORDER BY at")
    List<OffsetDateTime> recent(@Bind("subscriptionId") String subscriptionId);

    @SqlUpdate("INSERT INTO seat_updates (subscription_id, at) VALUES (:subscriptionId, :at)")
    void insert(@Bind("subscriptionId") String subscriptionId, @Bind("at") OffsetDateTime at);
}
