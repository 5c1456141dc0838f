package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code customer_snapshots}. */
@RegisterConstructorMapper(CustomerSnapshotRow.class)
public interface CustomerSnapshotDao {

    String COLUMNS = "customer_id, owner_type, owner_id, snapshot::text AS snapshot, synced_at, dirty, listeners_pending";

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_snapshots WHERE customer_id = :customerId")
    Optional<CustomerSnapshotRow> find(@Bind("customerId") String customerId);

    /** The row, locked until the transaction ends: a concurrent save of the same customer waits. */
    @SqlQuery("SELECT " + COLUMNS + " FROM customer_snapshots WHERE customer_id = :customerId FOR UPDATE")
    Optional<CustomerSnapshotRow> findForUpdate(@Bind("customerId") String customerId);

    /** Writes the snapshot unless a newer one is stored; returns the rows written (0 or 1). */
    @SqlUpdate("INSERT INTO customer_snapshots (customer_id, owner_type, owner_id, snapshot, synced_at, dirty, "
            + "listeners_pending) "
            + "VALUES (:customerId, :type, :id, CAST(:snapshot AS jsonb), :syncedAt, false, :pending) "
            + "ON CONFLICT (customer_id) DO UPDATE SET snapshot = excluded.snapshot, "
            + "synced_at = excluded.synced_at, dirty = false, "
            + "listeners_pending = customer_snapshots.listeners_pending OR excluded.listeners_pending "
            + "WHERE customer_snapshots.synced_at <= excluded.synced_at")
    int upsert(@Bind("customerId") String customerId, @Bind("type") String type, @Bind("id") String id,
            @Bind("snapshot") String snapshot, @Bind("syncedAt") OffsetDateTime syncedAt,
            @Bind("pending") boolean pending);

    @SqlUpdate("UPDATE customer_snapshots SET listeners_pending = false "
            + "WHERE customer_id = :customerId AND synced_at = :syncedAt")
    int markListened(@Bind("customerId") String customerId, @Bind("syncedAt") OffsetDateTime syncedAt);

    @SqlUpdate("UPDATE customer_snapshots SET dirty = true WHERE customer_id = :customerId")
    int markDirty(@Bind("customerId") String customerId);
}
