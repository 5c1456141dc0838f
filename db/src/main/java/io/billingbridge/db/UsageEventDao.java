package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code usage_events}. */
@RegisterConstructorMapper(UsageEventRow.class)
@RegisterConstructorMapper(WaitingUsageRow.class)
public interface UsageEventDao {

    String RETURNED = "identifier, seq, owner_key, customer_id, event_name, value, occurred_at, attempts";

    /** Inserts each row unless its identifier is stored; the counts are 1 for stored, 0 for a duplicate. */
    @SqlBatch("INSERT INTO usage_events (identifier, owner_key, customer_id, event_name, value, occurred_at, "
            + "received_at, state, next_attempt_at) VALUES (:identifier, :ownerKey, :customerId, :eventName, :value, "
            + ":occurredAt, :receivedAt, :state, :receivedAt) ON CONFLICT (identifier) DO NOTHING")
    int[] insert(@Bind("identifier") List<String> identifiers, @Bind("ownerKey") List<String> ownerKeys,
            @Bind("customerId") List<String> customerIds, @Bind("eventName") List<String> eventNames,
            @Bind("value") List<Long> values, @Bind("occurredAt") List<OffsetDateTime> occurredAt,
            @Bind("receivedAt") List<OffsetDateTime> receivedAt, @Bind("state") List<String> states);

    /**
     * Claims due pending rows, oldest first; {@code SKIP LOCKED} keeps two claims from taking one row, and the new
     * {@code next_attempt_at} keeps it from being due again until the claim lapses.
     */
    @SqlQuery("UPDATE usage_events SET next_attempt_at = :claimUntil WHERE identifier IN ("
            + "SELECT identifier FROM usage_events WHERE state = 'pending' AND next_attempt_at <= :now "
            + "ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + RETURNED)
    List<UsageEventRow> claimDue(@Bind("now") OffsetDateTime now, @Bind("claimUntil") OffsetDateTime claimUntil,
            @Bind("limit") int limit);

    @SqlUpdate("UPDATE usage_events SET state = 'sent', sent_at = :at, attempts = attempts + 1, last_error = NULL "
            + "WHERE identifier IN (<identifiers>) AND state = 'pending'")
    int markSent(@BindList("identifiers") List<String> identifiers, @Bind("at") OffsetDateTime at);

    @SqlUpdate("UPDATE usage_events SET next_attempt_at = :retryAt, attempts = attempts + 1, last_error = :error "
            + "WHERE identifier IN (<identifiers>) AND state = 'pending'")
    int markRetry(@BindList("identifiers") List<String> identifiers, @Bind("retryAt") OffsetDateTime retryAt,
            @Bind("error") String error);

    @SqlUpdate("UPDATE usage_events SET state = 'rejected', attempts = attempts + 1, last_error = :code, "
            + "next_attempt_at = :at WHERE identifier = :identifier AND state = 'pending'")
    int markRejected(@Bind("identifier") String identifier, @Bind("at") OffsetDateTime at, @Bind("code") String code);

    @SqlQuery("SELECT DISTINCT owner_key, event_name FROM usage_events WHERE state = 'waiting' "
            + "AND next_attempt_at <= :now LIMIT :limit")
    List<WaitingUsageRow> dueWaiting(@Bind("now") OffsetDateTime now, @Bind("limit") int limit);

    @SqlUpdate("UPDATE usage_events SET state = 'pending', customer_id = :customerId, next_attempt_at = :now "
            + "WHERE owner_key = :ownerKey AND event_name = :eventName AND state = 'waiting'")
    int release(@Bind("ownerKey") String ownerKey, @Bind("eventName") String eventName,
            @Bind("customerId") String customerId, @Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE usage_events SET next_attempt_at = :nextCheck "
            + "WHERE owner_key = :ownerKey AND event_name = :eventName AND state = 'waiting'")
    void postpone(@Bind("ownerKey") String ownerKey, @Bind("eventName") String eventName,
            @Bind("nextCheck") OffsetDateTime nextCheck);

    @SqlQuery("SELECT count(*) FROM usage_events WHERE state = :state")
    long count(@Bind("state") String state);
}
