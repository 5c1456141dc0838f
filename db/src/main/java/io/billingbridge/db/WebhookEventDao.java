package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code webhook_events}. */
@RegisterConstructorMapper(WebhookEventRow.class)
public interface WebhookEventDao {

    String COLUMNS = "source, event_id, type, work_kind, work_key, work_object, status, attempts, received_at, next_attempt_at, "
            + "last_error";

    /** Leases up to {@code limit} due events; {@code SKIP LOCKED} lets instances claim side by side. */
    @SqlQuery("UPDATE webhook_events SET next_attempt_at = :leaseUntil WHERE (source, event_id) IN ("
            + "SELECT source, event_id FROM webhook_events WHERE status <> 'processed' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
    List<WebhookEventRow> claimDue(@Bind("now") OffsetDateTime now, @Bind("leaseUntil") OffsetDateTime leaseUntil,
            @Bind("limit") int limit);

    @SqlUpdate("UPDATE webhook_events SET status = 'failed', attempts = attempts + 1, next_attempt_at = :retryAt, "
            + "last_error = :error WHERE source = :source AND event_id = :eventId")
    int markFailed(@Bind("source") String source, @Bind("eventId") String eventId,
            @Bind("retryAt") OffsetDateTime retryAt, @Bind("error") String error);

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_events WHERE (CAST(:status AS text) IS NULL OR status = :status) "
            + "ORDER BY received_at DESC, event_id DESC LIMIT :limit")
    List<WebhookEventRow> list(@Bind("status") String status, @Bind("limit") int limit);

    /**
     * The events whose work concerns an owner, newest first, after the given position when {@code beforeAt} is set;
     * each branch of the OR is served by the index {@code webhook_events_work_key}.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_events WHERE "
            + "((work_kind IN ('customer.resync', 'checkout.completed', 'invoice.payment_failed', "
            + "'invoice.action_required', 'subscription.trial_will_end') AND work_key = :customer) "
            + "OR (work_kind IN ('owner.created', 'owner.changed', 'owner.deleted') AND work_key = :ownerKey) "
            + "OR (work_kind = 'membership.changed' AND work_key = :organization)) "
            + "AND (CAST(:beforeAt AS timestamptz) IS NULL "
            + "OR (received_at, source, event_id) < (:beforeAt, :beforeSource, :beforeEventId)) "
            + "ORDER BY received_at DESC, source DESC, event_id DESC LIMIT :limit")
    List<WebhookEventRow> concerning(@Bind("ownerKey") String ownerKey, @Bind("customer") String customer,
            @Bind("organization") String organization, @Bind("beforeAt") OffsetDateTime beforeAt,
            @Bind("beforeSource") String beforeSource, @Bind("beforeEventId") String beforeEventId,
            @Bind("limit") int limit);

    @SqlUpdate("UPDATE webhook_events SET next_attempt_at = :now "
            + "WHERE source = :source AND event_id = :eventId AND status = 'failed'")
    int retryNow(@Bind("source") String source, @Bind("eventId") String eventId, @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT count(*) FROM webhook_events WHERE status <> 'processed'")
    long backlog();
}
