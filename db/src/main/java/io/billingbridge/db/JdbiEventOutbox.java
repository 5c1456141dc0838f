package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingbridge.core.events.AppEvent;
import io.billingbridge.core.events.EventDelivery;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.events.PlanSummary;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PurchasedItem;
import io.billingbridge.core.snapshot.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventOutbox} in {@code event_outbox}: the payload of every type is rendered here, once, as Standard Webhooks'
 * envelope {@code {"type", "timestamp", "data"}}, and sent as PostgreSQL prints the stored {@code jsonb}, the same text on
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
    public boolean record(AppEvent event, List<String> endpoints, Instant at) {
        String payload = envelope(event.type(), at, data(event)).toString();
        String id = event.id().value();
        return jdbi.inTransaction(handle -> {
            EventOutboxDao dao = handle.attach(EventOutboxDao.class);
            int inserted = 0;
            for (String endpoint : endpoints) {
                inserted += dao.insert(id, endpoint, event.type().wireName(), event.owner().key(), payload, utc(at));
            }
            return inserted > 0;
        });
    }

    @Override
    public boolean leaseEndpoint(String endpoint, String holder, Duration lease) {
        return jdbi.withExtension(EventOutboxDao.class, dao -> dao.lease(endpoint, holder, lease.toMillis())) == 1;
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
                    row.body(), row.retriesFrom().toInstant(), row.attempts()));
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

    @Override
    public List<EventDelivery> list(EventDelivery.Filter filter, Optional<Long> beforeSeq, int limit) {
        List<EventDeliveryRow> rows = jdbi.withExtension(EventOutboxDao.class, dao -> dao.list(
                filter.owner().map(Owner::key).orElse(null), filter.type().map(EventType::wireName).orElse(null),
                filter.endpoint().orElse(null), filter.state().map(EventDelivery.State::wireName).orElse(null),
                beforeSeq.orElse(null), limit));
        List<EventDelivery> deliveries = new ArrayList<>(rows.size());
        for (EventDeliveryRow row : rows) {
            Optional<EventType> type = EventType.fromWireName(row.type());
            if (type.isEmpty()) {
                continue;
            }
            EventDelivery.State state = row.deliveredAt() != null ? EventDelivery.State.DELIVERED
                    : row.givenUpAt() != null ? EventDelivery.State.GIVEN_UP
                    : row.attempts() > 0 ? EventDelivery.State.FAILED : EventDelivery.State.PENDING;
            boolean undone = row.deliveredAt() == null && row.givenUpAt() == null;
            deliveries.add(new EventDelivery(row.seq(), new EventId(row.eventId()), row.endpoint(), type.get(),
                    Owner.fromKey(row.ownerKey()), state, row.attempts(), Optional.ofNullable(row.lastError()),
                    row.createdAt().toInstant(),
                    undone ? Optional.of(row.nextAttemptAt().toInstant()) : Optional.empty(),
                    Optional.ofNullable(row.deliveredAt()).map(OffsetDateTime::toInstant),
                    Optional.ofNullable(row.givenUpAt()).map(OffsetDateTime::toInstant)));
        }
        return deliveries;
    }

    @Override
    public boolean retryNow(EventId id, String endpoint, Instant now) {
        return jdbi.withExtension(EventOutboxDao.class, dao -> dao.retryNow(id.value(), endpoint, utc(now))) == 1;
    }

    @Override
    public Map<String, Long> undoneByEndpoint() {
        Map<String, Long> undone = new HashMap<>();
        jdbi.withExtension(EventOutboxDao.class, EventOutboxDao::undoneByEndpoint)
                .forEach(count -> undone.put(count.endpoint(), count.undone()));
        return undone;
    }

    /**
     * The payload's {@code data} for each type: the owner and what the owner's billing view shows of the event's
     * object (ids, amounts, the hosted invoice page, dates), never payment methods, emails or metadata.
     */
    static ObjectNode data(AppEvent event) {
        ObjectNode data = JSON.createObjectNode();
        ObjectNode ownerNode = data.putObject("owner");
        ownerNode.put("type", event.owner().type().wireName());
        ownerNode.put("id", event.owner().id());
        return event.accept(new Payload(data));
    }

    /** Adds each type's fields after the owner. */
    private record Payload(ObjectNode data) implements AppEvent.Visitor<ObjectNode> {
        @Override
        public ObjectNode checkoutCompleted(AppEvent.CheckoutCompleted event) {
            data.put("session", event.checkout().id().value());
            data.put("mode", event.checkout().mode().wireName());
            ArrayNode lines = data.putArray("lineItems");
            for (PurchasedItem item : event.checkout().lineItems()) {
                ObjectNode line = lines.addObject();
                line.put("price", item.price().value());
                line.put("product", item.product().orElse(null));
                line.put("quantity", item.quantity());
                money(line.putObject("amount"), item.amount());
            }
            return data;
        }

        @Override
        public ObjectNode paymentFailed(AppEvent.PaymentFailed event) {
            return invoice(data, event.invoice());
        }

        @Override
        public ObjectNode paymentActionRequired(AppEvent.PaymentActionRequired event) {
            return invoice(data, event.invoice());
        }

        @Override
        public ObjectNode trialWillEnd(AppEvent.TrialWillEnd event) {
            data.put("subscription", event.subscription().value());
            data.put("plan", event.plan().orElse(null));
            data.put("trialEnd", event.trialEnd().toString());
            return data;
        }

        @Override
        public ObjectNode usageRejected(AppEvent.UsageRejected event) {
            data.put("identifier", event.identifier());
            data.put("event", event.eventName());
            data.put("value", event.value());
            data.put("reason", event.reasonCode());
            return data;
        }
    }

    private static ObjectNode invoice(ObjectNode data, InvoiceNotice invoice) {
        data.put("invoice", invoice.invoice().value());
        money(data.putObject("amountDue"), invoice.amountDue());
        data.put("hostedInvoiceUrl", invoice.hostedInvoiceUrl().map(Object::toString).orElse(null));
        data.put("attemptCount", invoice.attemptCount());
        data.put("nextAttempt", invoice.nextAttempt().map(Instant::toString).orElse(null));
        return data;
    }

    private static void money(ObjectNode node, Money money) {
        node.put("amount", money.amount());
        node.put("currency", money.currency());
    }

    private static ObjectNode envelope(EventType type, Instant at, ObjectNode data) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", type.wireName());
        payload.put("timestamp", at.toString());
        payload.set("data", data);
        return payload;
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
        ObjectNode data = JSON.createObjectNode();
        ObjectNode ownerNode = data.putObject("owner");
        ownerNode.put("type", owner.type().wireName());
        ownerNode.put("id", owner.id());
        data.set("previous", previous);
        data.set("new", current);
        return envelope(EventType.BILLING_UPDATED, at, data);
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
