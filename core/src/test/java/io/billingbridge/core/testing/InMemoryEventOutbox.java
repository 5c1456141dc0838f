package io.billingbridge.core.testing;

import io.billingbridge.core.events.AppEvent;
import io.billingbridge.core.events.EventDelivery;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.events.PlanSummary;
import io.billingbridge.core.owner.Owner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event outbox in memory, with the same ordering and lease rules as the database's. */
public final class InMemoryEventOutbox implements EventOutbox {
    /** One event for one endpoint. */
    public static final class Row {
        public final EventId id;
        public final String endpoint;
        public final EventType type;
        public final long seq;
        public final String ownerKey;
        public final String body;
        public final Instant createdAt;
        public int attempts;
        public Instant nextAttemptAt;
        public Instant retriesFrom;
        public Instant deliveredAt;
        public Instant givenUpAt;
        public String lastError;

        Row(long seq, EventId id, String endpoint, EventType type, String ownerKey, String body, Instant createdAt) {
            this.seq = seq;
            this.id = id;
            this.endpoint = endpoint;
            this.type = type;
            this.ownerKey = ownerKey;
            this.body = body;
            this.createdAt = createdAt;
            this.nextAttemptAt = createdAt;
            this.retriesFrom = createdAt;
        }

        boolean done() {
            return deliveredAt != null || givenUpAt != null;
        }
    }

    private record Lease(String holder, Instant until) {
    }

    public final List<Row> rows = new ArrayList<>();
    public final Map<String, PlanSummary> summaries = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();
    /** The outbox's own clock, which times endpoint leases (the database's {@code now()}). */
    public volatile Clock clock = Clock.systemUTC();

    @Override
    public synchronized Optional<EventId> recordBillingUpdate(Owner owner, PlanSummary current,
            List<String> endpoints, EventId id, Instant at) {
        PlanSummary previous = summaries.put(owner.key(), current);
        if (current.equals(previous)) {
            return Optional.empty();
        }
        for (String endpoint : endpoints) {
            rows.add(new Row(rows.size() + 1, id, endpoint, EventType.BILLING_UPDATED, owner.key(), "{\"type\":\"billing.updated\",\"owner\":\"" + owner.key()
                    + "\",\"state\":\"" + current.state().wireName() + "\"}", at));
        }
        return Optional.of(id);
    }

    @Override
    public synchronized boolean record(AppEvent event, List<String> endpoints, Instant at) {
        boolean recorded = false;
        for (String endpoint : endpoints) {
            if (rows.stream().noneMatch(r -> r.id.equals(event.id()) && r.endpoint.equals(endpoint))) {
                rows.add(new Row(rows.size() + 1, event.id(), endpoint, event.type(), event.owner().key(),
                        "{\"type\":\"" + event.type().wireName() + "\",\"owner\":\"" + event.owner().key() + "\"}",
                        at));
                recorded = true;
            }
        }
        return recorded;
    }

    /** The events recorded for an endpoint, oldest first. */
    public synchronized List<Row> rowsFor(String endpoint) {
        return rows.stream().filter(r -> r.endpoint.equals(endpoint)).toList();
    }

    @Override
    public synchronized boolean leaseEndpoint(String endpoint, String holder, Duration lease) {
        Instant now = clock.instant();
        Lease held = leases.get(endpoint);
        if (held != null && !held.holder().equals(holder) && held.until().isAfter(now)) {
            return false;
        }
        leases.put(endpoint, new Lease(holder, now.plus(lease)));
        return true;
    }

    @Override
    public synchronized void releaseEndpoint(String endpoint, String holder) {
        leases.computeIfPresent(endpoint, (k, held) -> held.holder().equals(holder) ? null : held);
    }

    /** Sets another holder's lease on the endpoint, as another instance would. */
    public synchronized void leasedElsewhere(String endpoint, Instant until) {
        leases.put(endpoint, new Lease("elsewhere", until));
    }

    @Override
    public synchronized List<PendingDelivery> claimDue(String endpoint, Instant now, Duration lease, int limit) {
        List<PendingDelivery> claimed = new ArrayList<>();
        List<String> ownersSeen = new ArrayList<>();
        for (Row row : rows) {
            if (!row.endpoint.equals(endpoint) || row.done()) {
                continue;
            }
            boolean head = !ownersSeen.contains(row.ownerKey);
            ownersSeen.add(row.ownerKey);
            if (head && !row.nextAttemptAt.isAfter(now) && claimed.size() < limit) {
                row.nextAttemptAt = now.plus(lease);
                claimed.add(new PendingDelivery(row.id, row.endpoint, row.type, row.ownerKey, row.body,
                        row.retriesFrom, row.attempts));
            }
        }
        return claimed;
    }

    @Override
    public synchronized void markDelivered(EventId id, String endpoint, Instant at) {
        Row row = row(id, endpoint);
        row.attempts++;
        row.deliveredAt = at;
        row.lastError = null;
    }

    @Override
    public synchronized void markFailed(EventId id, String endpoint, Instant retryAt, String error) {
        Row row = row(id, endpoint);
        row.attempts++;
        row.nextAttemptAt = retryAt;
        row.lastError = error;
    }

    @Override
    public synchronized void markGivenUp(EventId id, String endpoint, Instant at, String error) {
        Row row = row(id, endpoint);
        row.attempts++;
        row.givenUpAt = at;
        row.lastError = error;
    }

    @Override
    public synchronized List<EventDelivery> list(EventDelivery.Filter filter, Optional<Long> beforeSeq, int limit) {
        List<EventDelivery> found = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && found.size() < limit; i--) {
            EventDelivery delivery = delivery(rows.get(i));
            if (beforeSeq.map(b -> delivery.seq() < b).orElse(true)
                    && filter.owner().map(delivery.owner()::equals).orElse(true)
                    && filter.type().map(delivery.type()::equals).orElse(true)
                    && filter.state().map(delivery.state()::equals).orElse(true)
                    && filter.endpoint().map(delivery.endpoint()::equals).orElse(true)) {
                found.add(delivery);
            }
        }
        return found;
    }

    private static EventDelivery delivery(Row row) {
        EventDelivery.State state = row.deliveredAt != null ? EventDelivery.State.DELIVERED
                : row.givenUpAt != null ? EventDelivery.State.GIVEN_UP
                : row.attempts > 0 ? EventDelivery.State.FAILED : EventDelivery.State.PENDING;
        return new EventDelivery(row.seq, row.id, row.endpoint, row.type, Owner.fromKey(row.ownerKey), state,
                row.attempts, Optional.ofNullable(row.lastError), row.createdAt,
                row.done() ? Optional.empty() : Optional.of(row.nextAttemptAt), Optional.ofNullable(row.deliveredAt),
                Optional.ofNullable(row.givenUpAt));
    }

    @Override
    public synchronized boolean retryNow(EventId id, String endpoint, Instant now) {
        Optional<Row> found = rows.stream().filter(r -> r.id.equals(id) && r.endpoint.equals(endpoint)
                && r.deliveredAt == null && (r.givenUpAt != null || r.attempts > 0)).findFirst();
        found.ifPresent(row -> {
            row.givenUpAt = null;
            row.nextAttemptAt = now;
            row.retriesFrom = now;
        });
        return found.isPresent();
    }

    @Override
    public synchronized Map<String, Long> undoneByEndpoint() {
        Map<String, Long> undone = new HashMap<>();
        rows.stream().filter(r -> !r.done()).forEach(r -> undone.merge(r.endpoint, 1L, Long::sum));
        return undone;
    }

    public synchronized Row row(EventId id, String endpoint) {
        return rows.stream().filter(r -> r.id.equals(id) && r.endpoint.equals(endpoint)).findFirst().orElseThrow();
    }
}
