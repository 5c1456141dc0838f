package io.billingbridge.db;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.EventPosition;
import io.billingbridge.core.webhook.LedgerEntry;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link WebhookLedger} in {@code webhook_events}; claims use {@code FOR UPDATE SKIP LOCKED} so instances share work. */
public final class JdbiWebhookLedger implements WebhookLedger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiWebhookLedger.class);
    private static final int MAX_ERROR_LENGTH = 200;

    private final Jdbi jdbi;

    public JdbiWebhookLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean record(WebhookSource source, VerifiedEvent event, Instant now) {
        return jdbi.withExtension(WebhookEventDao.class, dao -> dao.insert(name(source), event.eventId(), event.type(),
                event.work().kind(), event.work().key().orElse(null), utc(now))) == 1;
    }

    @Override
    public List<LedgerEntry> claimDue(Instant now, Duration lease, int limit) {
        List<WebhookEventRow> rows = jdbi.withExtension(WebhookEventDao.class,
                dao -> dao.claimDue(utc(now), utc(now.plus(lease)), limit));
        List<LedgerEntry> entries = new ArrayList<>(rows.size());
        for (WebhookEventRow row : rows) {
            try {
                entries.add(new LedgerEntry(source(row), row.eventId(), row.type(), work(row),
                        row.receivedAt().toInstant(), row.attempts()));
            } catch (IllegalStateException unreadable) {
                LOG.error("{}; left in the ledger for a version that knows it", unreadable.getMessage());
            }
        }
        return entries;
    }

    @Override
    public void markProcessed(WebhookSource source, String eventId, Instant now) {
        jdbi.useExtension(WebhookEventDao.class, dao -> dao.markProcessed(name(source), eventId, utc(now)));
    }

    @Override
    public void markFailed(WebhookSource source, String eventId, Instant retryAt, String errorCode) {
        String error = errorCode.length() > MAX_ERROR_LENGTH ? errorCode.substring(0, MAX_ERROR_LENGTH) : errorCode;
        jdbi.useExtension(WebhookEventDao.class, dao -> dao.markFailed(name(source), eventId, utc(retryAt), error));
    }

    /** {@inheritDoc} An event whose work this version cannot read fails the listing with an error naming it. */
    @Override
    public List<WebhookEventRecord> list(Optional<WebhookEventStatus> status, int limit) {
        return jdbi.withExtension(WebhookEventDao.class,
                        dao -> dao.list(status.map(WebhookEventStatus::wireName).orElse(null), limit))
                .stream()
                .map(JdbiWebhookLedger::record)
                .toList();
    }

    /** {@inheritDoc} An event whose work this version cannot read fails the listing with an error naming it. */
    @Override
    public List<WebhookEventRecord> concerning(Owner owner, Optional<CustomerId> customer,
            Optional<EventPosition> before, int limit) {
        String organization = owner instanceof Owner.Organization ? owner.id() : null;
        return jdbi.withExtension(WebhookEventDao.class, dao -> dao.concerning(owner.key(),
                        customer.map(CustomerId::value).orElse(null), organization,
                        before.map(b -> utc(b.receivedAt())).orElse(null),
                        before.map(b -> name(b.source())).orElse(null), before.map(EventPosition::eventId).orElse(null),
                        limit))
                .stream()
                .map(JdbiWebhookLedger::record)
                .toList();
    }

    private static WebhookEventRecord record(WebhookEventRow row) {
        return new WebhookEventRecord(source(row), row.eventId(), row.type(), work(row),
                WebhookEventStatus.fromWireName(row.status()).orElseThrow(), row.attempts(),
                row.receivedAt().toInstant(), row.nextAttemptAt().toInstant(), Optional.ofNullable(row.lastError()));
    }

    @Override
    public boolean retryNow(WebhookSource source, String eventId, Instant now) {
        return jdbi.withExtension(WebhookEventDao.class, dao -> dao.retryNow(name(source), eventId, utc(now))) == 1;
    }

    @Override
    public long backlog() {
        return jdbi.withExtension(WebhookEventDao.class, WebhookEventDao::backlog);
    }

    /**
     * The row's work.
     *
     * @throws IllegalStateException naming the event when its kind or key is not one this version reads, e.g. a
     *     kind added by a newer version sharing the database
     */
    private static WebhookWork work(WebhookEventRow row) {
        try {
            return WebhookWork.parse(row.workKind(), Optional.ofNullable(row.workKey()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("webhook event " + row.source() + "/" + row.eventId()
                    + " asks for work this version cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static WebhookSource source(WebhookEventRow row) {
        return WebhookSource.valueOf(row.source().toUpperCase(Locale.ROOT));
    }

    private static String name(WebhookSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
