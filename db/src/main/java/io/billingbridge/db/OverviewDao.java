package io.billingbridge.db;

import java.time.OffsetDateTime;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL for the admin overview: two queries, each one pass over what it counts. */
@RegisterConstructorMapper(OverviewDao.AccountCounts.class)
@RegisterConstructorMapper(OverviewDao.EventCounts.class)
public interface OverviewDao {

    /** Accounts per sync state. */
    record AccountCounts(long pending, long active, long deleted) {
    }

    /** The webhook backlog; the times are null when there is none. */
    record EventCounts(long pending, long failed, OffsetDateTime oldestPending, OffsetDateTime lastProcessed) {
    }

    @SqlQuery("SELECT count(*) FILTER (WHERE sync_state = 'pending') AS pending, "
            + "count(*) FILTER (WHERE sync_state = 'active') AS active, "
            + "count(*) FILTER (WHERE sync_state = 'deleted') AS deleted FROM billing_accounts")
    AccountCounts accounts();

    /**
     * Reads only unprocessed events (the partial index {@code webhook_events_due}) and the newest
     * {@code processed_at} (the index {@code webhook_events_processed_at}).
     */
    @SqlQuery("SELECT count(*) FILTER (WHERE status = 'pending') AS pending, "
            + "count(*) FILTER (WHERE status = 'failed') AS failed, "
            + "min(received_at) FILTER (WHERE status = 'pending') AS oldest_pending, "
            + "(SELECT max(processed_at) FROM webhook_events WHERE processed_at IS NOT NULL) AS last_processed "
            + "FROM webhook_events WHERE status <> 'processed'")
    EventCounts events();
}
