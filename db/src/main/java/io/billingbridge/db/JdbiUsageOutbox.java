package io.billingbridge.db;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.AcceptedUsage;
import io.billingbridge.core.usage.ClaimedUsage;
import io.billingbridge.core.usage.UsageBacklog;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageOutbox;
import io.billingbridge.core.usage.UsageState;
import io.billingbridge.core.usage.WaitingUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/** {@link UsageOutbox} in {@code usage_events}, deduplicated by its primary key, the identifier. */
public final class JdbiUsageOutbox implements UsageOutbox {

    private final Jdbi jdbi;

    public JdbiUsageOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int store(List<AcceptedUsage> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int[] counts = jdbi.inTransaction(handle -> handle.attach(UsageEventDao.class).insert(
                map(events, e -> e.event().identifier().value()),
                map(events, e -> e.event().owner().key()),
                map(events, e -> e.customer().map(CustomerId::value).orElse(null)),
                map(events, e -> e.event().eventName()),
                map(events, e -> e.event().value()),
                map(events, e -> utc(e.timestamp())),
                map(events, e -> utc(e.receivedAt())),
                map(events, e -> e.state().wireName())));
        return IntStream.of(counts).sum();
    }

    private static <T> List<T> map(List<AcceptedUsage> events, java.util.function.Function<AcceptedUsage, T> f) {
        List<T> values = new ArrayList<>(events.size());
        events.forEach(e -> values.add(f.apply(e)));
        return values;
    }

    @Override
    public List<ClaimedUsage> claimDue(Instant now, Duration lease, int limit) {
        List<UsageEventRow> rows = new ArrayList<>(jdbi.withExtension(UsageEventDao.class,
                dao -> dao.claimDue(utc(now), utc(now.plus(lease)), limit)));
        rows.sort(Comparator.comparingLong(UsageEventRow::seq));
        return rows.stream().map(row -> new ClaimedUsage(new UsageIdentifier(row.identifier()),
                Owner.fromKey(row.ownerKey()), new CustomerId(row.customerId()), row.eventName(), row.value(),
                row.occurredAt().toInstant(), row.attempts())).toList();
    }

    @Override
    public void markSent(List<UsageIdentifier> identifiers, Instant at) {
        if (!identifiers.isEmpty()) {
            jdbi.useExtension(UsageEventDao.class, dao -> dao.markSent(values(identifiers), utc(at)));
        }
    }

    @Override
    public void markRetry(List<UsageIdentifier> identifiers, Instant retryAt, String error) {
        if (!identifiers.isEmpty()) {
            jdbi.useExtension(UsageEventDao.class, dao -> dao.markRetry(values(identifiers), utc(retryAt), error));
        }
    }

    @Override
    public void markRejected(UsageIdentifier identifier, Instant at, String code) {
        jdbi.useExtension(UsageEventDao.class, dao -> dao.markRejected(identifier.value(), utc(at), code));
    }

    @Override
    public List<WaitingUsage> dueWaiting(Instant now, int limit) {
        return jdbi.withExtension(UsageEventDao.class, dao -> dao.dueWaiting(utc(now), limit)).stream()
                .map(row -> new WaitingUsage(Owner.fromKey(row.ownerKey()), row.eventName())).toList();
    }

    @Override
    public int release(WaitingUsage waiting, CustomerId customer, Instant now) {
        return jdbi.withExtension(UsageEventDao.class, dao -> dao.release(waiting.owner().key(),
                waiting.eventName(), customer.value(), utc(now)));
    }

    @Override
    public void postpone(WaitingUsage waiting, Instant nextCheck) {
        jdbi.useExtension(UsageEventDao.class, dao -> dao.postpone(waiting.owner().key(), waiting.eventName(),
                utc(nextCheck)));
    }

    @Override
    public UsageBacklog backlog() {
        return jdbi.withExtension(UsageEventDao.class, dao -> new UsageBacklog(
                dao.count(UsageState.PENDING.wireName()), dao.count(UsageState.WAITING.wireName())));
    }

    private static List<String> values(List<UsageIdentifier> identifiers) {
        return identifiers.stream().map(UsageIdentifier::value).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
