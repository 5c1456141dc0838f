package io.billingbridge.core.testing;

import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.events.PlanSummary;
import io.billingbridge.core.owner.Owner;
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
        public final String ownerKey;
        public final String body;
        public final Instant createdAt;
        public int attempts;
        public Instant nextAttemptAt;
        public Instant deliveredAt;
        public Instant givenUpAt;
        public String lastError;

        Row(EventId id, String endpoint, String ownerKey, String body, Instant createdAt) {
            this.id = id;
            this.endpoint = endpoint;
            this.ownerKey = ownerKey;
            this.body = body;
            this.createdAt = createdAt;
            this.nextAttemptAt = createdAt;
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

    @Override
    public synchronized Optional<EventId> recordBillingUpdate(Owner owner, PlanSummary current,
            List<String> endpoints, EventId id, Instant at) {
        PlanSummary previous = summaries.put(owner.key(), current);
        if (current.equals(previous)) {
            return Optional.empty();
        }
        for (String endpoint : endpoints) {
            rows.add(new Row(id, endpoint, owner.key(), "{\"type\":\"billing.updated\",\"owner\":\"" + owner.key()
                    + "\",\"state\":\"" + current.state().wireName() + "\"}", at));
        }
        return Optional.of(id);
    }

    @Override
    public synchronized boolean leaseEndpoint(String endpoint, String holder, Instant now, Duration lease) {
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
                claimed.add(new PendingDelivery(row.id, row.endpoint, EventType.BILLING_UPDATED, row.ownerKey,
                        row.body, row.createdAt, row.attempts));
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

    public synchronized Row row(EventId id, String endpoint) {
        return rows.stream().filter(r -> r.id.equals(id) && r.endpoint.equals(endpoint)).findFirst().orElseThrow();
    }
}
