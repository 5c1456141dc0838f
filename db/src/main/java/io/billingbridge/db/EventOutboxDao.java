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

    String RETURNED = "event_id, endpoint, seq, type, owner_key, payload::text AS body, created_at, attempts";
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

    @SqlUpdate("INSERT INTO event_outbox (event_id, endpoint, type, owner_key, payload, created_at, next_attempt_at) "
            + "VALUES (:eventId, :endpoint, :type, :ownerKey, CAST(:payload AS jsonb), :at, :at)")
    void insert(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint, @Bind("type") String type,
            @Bind("ownerKey") String ownerKey, @Bind("payload") String payload, @Bind("at") OffsetDateTime at);

    /** Takes or renews the lease unless another holder's runs past {@code now}; 1 when held. */
    @SqlUpdate("INSERT INTO event_endpoint_leases (endpoint, holder, held_until) VALUES (:endpoint, :holder, :until) "
            + "ON CONFLICT (endpoint) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until "
            + "WHERE event_endpoint_leases.holder = EXCLUDED.holder OR event_endpoint_leases.held_until <= :now")
    int lease(@Bind("endpoint") String endpoint, @Bind("holder") String holder, @Bind("now") OffsetDateTime now,
            @Bind("until") OffsetDateTime until);

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

    @SqlUpdate("UPDATE event_outbox SET given_up_at = :at, attempts = attempts + 1, last_error = :error "
            + "WHERE event_id = :eventId AND endpoint = :endpoint AND " + UNDONE)
    void markGivenUp(@Bind("eventId") String eventId, @Bind("endpoint") String endpoint,
            @Bind("at") OffsetDateTime at, @Bind("error") String error);
}
