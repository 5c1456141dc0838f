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
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WebhookLedger} in {@code webhook_events}; claims use {@code FOR UPDATE SKIP LOCKED} so instances share work.
 *
 * <p>The two statements run once per event, recording it on the request thread and marking it processed, are plain
 * statements on a handle with no template rendering: attaching the SqlObject and rendering its template on every
 * call cost more than the insert itself (issue 11).
 */
public final class JdbiWebhookLedger implements WebhookLedger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiWebhookLedger.class);
    private static final int MAX_ERROR_LENGTH = 200;
    private static final String INSERT = "INSERT INTO webhook_events (source, event_id, type, work_kind, work_key, "
            + "work_object, status, received_at, next_attempt_at) VALUES (:source, :eventId, :type, :workKind, "
            + ":workKey, :workObject, 'pending', :now, :now) ON CONFLICT (source, event_id) DO NOTHING";
    private static final String MARK_PROCESSED = "UPDATE webhook_events SET status = 'processed', processed_at = :now, "
            + "attempts = attempts + 1, last_error = NULL WHERE source = :source AND event_id = :eventId";

    private final Jdbi jdbi;

    public JdbiWebhookLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean record(WebhookSource source, VerifiedEvent event, Instant now) {
        String workKey = event.work().key().orElse(null);
        return jdbi.withHandle(handle -> handle.createUpdate(INSERT).setTemplateEngine(TemplateEngine.NOP)
                .bind("source", name(source)).bind("eventId", event.eventId()).bind("type", event.type())
                .bind("workKind", event.work().kind()).bind("workKey", workKey)
                .bind("workObject", event.work().object().orElse(null)).bind("now", utc(now))
                .execute()) == 1;
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
        jdbi.useHandle(handle -> handle.createUpdate(MARK_PROCESSED).setTemplateEngine(TemplateEngine.NOP)
                .bind("source", name(source)).bind("eventId", eventId).bind("now", utc(now)).execute());
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
            return WebhookWork.parse(row.workKind(), Optional.ofNullable(row.workKey()),
                    Optional.ofNullable(row.workObject()));
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
