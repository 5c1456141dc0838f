package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code event_outbox}, {@code event_owner_summaries} and {@code event_endpoint_leases}. */
@RegisterConstructorMapper(EventOutboxRow.class)
public interface EventOutboxDao {

    String RETURNED = "event_id, endpoint, seq, type, owner_key, payload::text AS body, retries_from, attempts";
    String LISTED = "seq, event_id, endpoint, type, owner_key, attempts, last_error, created_at, next_attempt_at, "
            + "delivered_at, given_up_at";
    String UNDONE = "delivered_at IS NULL AND given_up_at IS NULL";

    @SqlUpdate("INSERT INTO event_owner_summaries (owner_key, summary, updated_at) VALUES (:ownerKey, NULL, :at) "
            + "ON CONFLICT (owner_key) DO NOTHING")
    void ensureSummaryRow(@Bind("ownerKey") String ownerKey, @Bind("at") OffsetDateTime at);

    /** The last summary told for the owner ({@code null} before the first), locking the owner's row until commit. */
    @SqlQuery("SELECT coalesce(summary::text, 'null') FROM event_owner_summaries WHERE owner_key = :ownerKey "
            + "FOR UPDATE")
    String lockSummary(@Bind("ownerKey") String ownerKey);

    /** Stores the new summary unless it equals the stored one as JSON; 1 when it differed. */
    @SqlUpdate("UPDATE event_owner_summaries SET summary = CAST(:summary AS jsonb), updated_at = :at "
            + "WHERE owner_key = :ownerKey AND summary IS DISTINCT FROM CAST(:summary AS jsonb)")
    int replaceSummary(@Bind("ownerKey") String ownerKey, @Bind("summary") String summary,
            @Bind("at") OffsetDateTime at);

    /** Inserts the event for the endpoint unless it is there already; 1 when inserted. */
    @SqlUpdate("INSERT INTO event_outbox (event_id, endpoint, type, owner_key, payload, created_at, next_attempt_at, "
            + "retries_from) VALUES (:eventId, :endpoint, :type, :ownerKey, CAST(:payload AS jsonb), :at, :at, :at) "
            + "ON CONFLICT (event_id, endpoint) DO NOTHING")
    int insert(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint, @Bind("type") String type,
            @Bind("ownerKey") String ownerKey, @Bind("payload") String payload, @Bind("at") OffsetDateTime at);

    /**
     * Takes or renews the lease for {@code leaseMillis} from the database's clock, unless another holder's runs past
     * it; 1 when held.
     */
    @SqlUpdate("INSERT INTO event_endpoint_leases (endpoint, holder, held_until) "
            + "VALUES (:endpoint, :holder, now() + make_interval(secs => :leaseMillis / 1000.0)) "
            + "ON CONFLICT (endpoint) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until "
            + "WHERE event_endpoint_leases.holder = EXCLUDED.holder OR event_endpoint_leases.held_until <= now()")
    int lease(@Bind("endpoint") String endpoint, @Bind("holder") String holder, @Bind("leaseMillis") long leaseMillis);

    @SqlUpdate("DELETE FROM event_endpoint_leases WHERE endpoint = :endpoint AND holder = :holder")
    void release(@Bind("endpoint") String endpoint, @Bind("holder") String holder);

    /**
     * Claims the endpoint's due rows that are the earliest undone row of their owner, oldest first; {@code SKIP
     * LOCKED} keeps two claims from taking one row, and the new {@code next_attempt_at} keeps it from being due again
     * until the claim lapses.
     */
    @SqlQuery("UPDATE event_outbox SET next_attempt_at = :claimUntil WHERE (event_id, endpoint) IN ("
            + "SELECT o.event_id, o.endpoint FROM event_outbox o WHERE o.endpoint = :endpoint AND o.delivered_at IS NULL "
            + "AND o.given_up_at IS NULL AND o.next_attempt_at <= :now AND NOT EXISTS (SELECT 1 FROM event_outbox e "
            + "WHERE e.endpoint = o.endpoint AND e.owner_key = o.owner_key AND e.delivered_at IS NULL "
            + "AND e.given_up_at IS NULL AND e.seq < o.seq) "
            + "ORDER BY o.seq LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + RETURNED)
    List<EventOutboxRow> claimDue(@Bind("endpoint") String endpoint, @Bind("now") OffsetDateTime now,
            @Bind("claimUntil") OffsetDateTime claimUntil, @Bind("limit") int limit);

    @SqlUpdate("UPDATE event_outbox SET delivered_at = :at, attempts = attempts + 1, last_error = NULL "
            + "WHERE event_id = :eventId AND endpoint = :endpoint AND " + UNDONE)
    void markDelivered(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint,
            @Bind("at") OffsetDateTime at);

    @SqlUpdate("UPDATE event_outbox SET next_attempt_at = :retryAt, attempts = attempts + 1, last_error = :error "
            + "WHERE event_id = :eventId AND endpoint = :endpoint AND " + UNDONE)
    void markFailed(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint,
            @Bind("retryAt") OffsetDateTime retryAt, @Bind("error") String error);

    /** Makes a given-up or failed (attempted, undone) delivery due at {@code now}; 1 when there was one. */
    @SqlUpdate("UPDATE event_outbox SET given_up_at = NULL, next_attempt_at = :now, retries_from = :now "
            + "WHERE event_id = :eventId AND endpoint = :endpoint AND delivered_at IS NULL "
            + "AND (given_up_at IS NOT NULL OR attempts > 0)")
    int retryNow(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint,
            @Bind("now") OffsetDateTime now);

    /** Deliveries newest first, each filter applied only when bound to a value. */
    @SqlQuery("SELECT " + LISTED + " FROM event_outbox WHERE (CAST(:ownerKey AS text) IS NULL OR owner_key = :ownerKey) "
            + "AND (CAST(:type AS text) IS NULL OR type = :type) "
            + "AND (CAST(:endpoint AS text) IS NULL OR endpoint = :endpoint) "
            + "AND (CAST(:beforeSeq AS bigint) IS NULL OR seq < :beforeSeq) "
            + "AND (CAST(:state AS text) IS NULL OR CASE WHEN delivered_at IS NOT NULL THEN 'delivered' "
            + "WHEN given_up_at IS NOT NULL THEN 'given_up' WHEN attempts > 0 THEN 'failed' ELSE 'pending' END = :state) "
            + "ORDER BY seq DESC LIMIT :limit")
    @RegisterConstructorMapper(EventDeliveryRow.class)
    List<EventDeliveryRow> list(@Bind("ownerKey") String ownerKey, @Bind("type") String type,
            @Bind("endpoint") String endpoint, @Bind("state") String state, @Bind("beforeSeq") Long beforeSeq,
            @Bind("limit") int limit);

    /** Undone deliveries by endpoint, as {@code endpoint, count} rows. */
    @SqlQuery("SELECT endpoint, count(*) AS undone FROM event_outbox WHERE " + UNDONE + " GROUP BY endpoint")
    @RegisterConstructorMapper(UndoneCount.class)
    List<UndoneCount> undoneByEndpoint();

    /** How many undone deliveries an endpoint has. */
    record UndoneCount(String endpoint, long undone) {
    }

    @SqlUpdate("UPDATE event_outbox SET given_up_at = :at, attempts = attempts + 1, last_error = :error "
            + "WHERE event_id = :eventId AND endpoint = :endpoint AND " + UNDONE)
    void markGivenUp(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint,
            @Bind("at") OffsetDateTime at, @Bind("error") String error);
}
