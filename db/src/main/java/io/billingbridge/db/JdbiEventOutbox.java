package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.events.PlanSummary;
import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventOutbox} in {@code event_outbox}: the payload is rendered here, once, as Standard Webhooks' envelope
 * {@code {"type", "timestamp", "data"}}, and sent as PostgreSQL prints the stored {@code jsonb}, the same text on
 * every attempt.
 */
public final class JdbiEventOutbox implements EventOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiEventOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_LENGTH = 64;

    private final Jdbi jdbi;

    public JdbiEventOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<EventId> recordBillingUpdate(Owner owner, PlanSummary current, List<String> endpoints,
            EventId id, Instant at) {
        ObjectNode summary = summary(current);
        return jdbi.inTransaction(handle -> {
            EventOutboxDao dao = handle.attach(EventOutboxDao.class);
            dao.ensureSummaryRow(owner.key(), utc(at));
            JsonNode previous = parse(dao.lockSummary(owner.key()));
            if (dao.replaceSummary(owner.key(), summary.toString(), utc(at)) == 0) {
                return Optional.<EventId>empty();
            }
            String payload = payload(owner, previous, summary, at).toString();
            for (String endpoint : endpoints) {
                dao.insert(id.value(), endpoint, EventType.BILLING_UPDATED.wireName(), owner.key(), payload, utc(at));
            }
            return Optional.of(id);
        });
    }

    @Override
    public boolean leaseEndpoint(String endpoint, String holder, Instant now, Duration lease) {
        return jdbi.withExtension(EventOutboxDao.class,
                dao -> dao.lease(endpoint, holder, utc(now), utc(now.plus(lease)))) == 1;
    }

    @Override
    public void releaseEndpoint(String endpoint, String holder) {
        jdbi.useExtension(EventOutboxDao.class, dao -> dao.release(endpoint, holder));
    }

    @Override
    public List<PendingDelivery> claimDue(String endpoint, Instant now, Duration lease, int limit) {
        List<EventOutboxRow> rows = new ArrayList<>(jdbi.withExtension(EventOutboxDao.class,
                dao -> dao.claimDue(endpoint, utc(now), utc(now.plus(lease)), limit)));
        rows.sort(Comparator.comparingLong(EventOutboxRow::seq));
        List<PendingDelivery> due = new ArrayList<>(rows.size());
        for (EventOutboxRow row : rows) {
            Optional<EventType> type = EventType.fromWireName(row.type());
            if (type.isEmpty()) {
                LOG.error("event {} has type {}, which this version does not know; left in the outbox",
                        row.eventId(), row.type());
                continue;
            }
            due.add(new PendingDelivery(new EventId(row.eventId()), row.endpoint(), type.get(), row.ownerKey(),
                    row.body(), row.createdAt().toInstant(), row.attempts()));
        }
        return due;
    }

    @Override
    public void markDelivered(EventId id, String endpoint, Instant at) {
        jdbi.useExtension(EventOutboxDao.class, dao -> dao.markDelivered(id.value(), endpoint, utc(at)));
    }

    @Override
    public void markFailed(EventId id, String endpoint, Instant retryAt, String error) {
        jdbi.useExtension(EventOutboxDao.class, dao -> dao.markFailed(id.value(), endpoint, utc(retryAt),
                truncate(error)));
    }

    @Override
    public void markGivenUp(EventId id, String endpoint, Instant at, String error) {
        jdbi.useExtension(EventOutboxDao.class, dao -> dao.markGivenUp(id.value(), endpoint, utc(at),
                truncate(error)));
    }

    /** {@code {"plan", "state", "entitlements"}}: a plan-level view, nothing more. */
    static ObjectNode summary(PlanSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("plan", summary.plan().orElse(null));
        node.put("state", summary.state().wireName());
        ArrayNode entitlements = node.putArray("entitlements");
        summary.entitlements().forEach(entitlements::add);
        return node;
    }

    private static ObjectNode payload(Owner owner, JsonNode previous, ObjectNode current, Instant at) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", EventType.BILLING_UPDATED.wireName());
        payload.put("timestamp", at.toString());
        ObjectNode data = payload.putObject("data");
        ObjectNode ownerNode = data.putObject("owner");
        ownerNode.put("type", owner.type().wireName());
        ownerNode.put("id", owner.id());
        data.set("previous", previous);
        data.set("new", current);
        return payload;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored summary is not JSON", e);
        }
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
