package io.billingbridge.core.testing;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.usage.AcceptedUsage;
import io.billingbridge.core.usage.ClaimedUsage;
import io.billingbridge.core.usage.UsageBacklog;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageOutbox;
import io.billingbridge.core.usage.UsageState;
import io.billingbridge.core.usage.WaitingUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link io.billingbridge.core.usage.UsageOutbox} in memory, with the rows open to the test. */
public final class InMemoryUsageOutbox implements UsageOutbox {

    /** One stored event. */
    public static final class Row {
        public final AcceptedUsage usage;
        public Optional<CustomerId> customer;
        public UsageState state;
        public Instant nextAttemptAt;
        public int attempts;
        public String lastError;

        Row(AcceptedUsage usage) {
            this.usage = usage;
            this.customer = usage.customer();
            this.state = usage.state();
            this.nextAttemptAt = usage.receivedAt();
        }
    }

    public final Map<UsageIdentifier, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized int store(List<AcceptedUsage> events) {
        int stored = 0;
        for (AcceptedUsage event : events) {
            if (rows.putIfAbsent(event.event().identifier(), new Row(event)) == null) {
                stored++;
            }
        }
        return stored;
    }

    @Override
    public synchronized List<ClaimedUsage> claimDue(Instant now, Duration lease, int limit) {
        List<ClaimedUsage> due = new ArrayList<>();
        for (Row row : rows.values()) {
            if (due.size() < limit && row.state == UsageState.PENDING && !row.nextAttemptAt.isAfter(now)) {
                row.nextAttemptAt = now.plus(lease);
                due.add(new ClaimedUsage(row.usage.event().identifier(), row.usage.event().owner(),
                        row.customer.orElseThrow(), row.usage.event().eventName(), row.usage.event().value(),
                        row.usage.timestamp(), row.attempts));
            }
        }
        return due;
    }

    @Override
    public synchronized void markSent(List<UsageIdentifier> identifiers, Instant at) {
        identifiers.forEach(id -> {
            Row row = rows.get(id);
            row.state = UsageState.SENT;
            row.attempts++;
        });
    }

    @Override
    public synchronized void markRetry(List<UsageIdentifier> identifiers, Instant retryAt, String error) {
        identifiers.forEach(id -> {
            Row row = rows.get(id);
            row.nextAttemptAt = retryAt;
            row.attempts++;
            row.lastError = error;
        });
    }

    @Override
    public synchronized void markRejected(UsageIdentifier identifier, Instant at, String code) {
        Row row = rows.get(identifier);
        row.state = UsageState.REJECTED;
        row.attempts++;
        row.lastError = code;
    }

    @Override
    public synchronized List<WaitingUsage> dueWaiting(Instant now, int limit) {
        return rows.values().stream().filter(r -> r.state == UsageState.WAITING && !r.nextAttemptAt.isAfter(now))
                .map(r -> new WaitingUsage(r.usage.event().owner(), r.usage.event().eventName())).distinct()
                .limit(limit).toList();
    }

    @Override
    public synchronized int release(WaitingUsage waiting, CustomerId customer, Instant now) {
        int released = 0;
        for (Row row : matching(waiting)) {
            row.state = UsageState.PENDING;
            row.customer = Optional.of(customer);
            row.nextAttemptAt = now;
            released++;
        }
        return released;
    }

    @Override
    public synchronized void postpone(WaitingUsage waiting, Instant nextCheck) {
        matching(waiting).forEach(row -> row.nextAttemptAt = nextCheck);
    }

    private List<Row> matching(WaitingUsage waiting) {
        return rows.values().stream().filter(r -> r.state == UsageState.WAITING
                && r.usage.event().owner().equals(waiting.owner())
                && r.usage.event().eventName().equals(waiting.eventName())).toList();
    }

    @Override
    public synchronized UsageBacklog backlog() {
        return new UsageBacklog(count(UsageState.PENDING), count(UsageState.WAITING));
    }

    /** How many rows are in this state. */
    public synchronized long count(UsageState state) {
        return rows.values().stream().filter(r -> r.state == state).count();
    }
}
