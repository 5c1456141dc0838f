package io.billingbridge.db;

import io.billingbridge.core.webhook.LedgerEntry;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link WebhookLedger} in {@code webhook_events}; claims use {@code FOR UPDATE SKIP LOCKED} so instances share work. */
public final class JdbiWebhookLedger implements WebhookLedger {
    private final Jdbi jdbi;

    public JdbiWebhookLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean record(WebhookSource source, String eventId, String type, Optional<String> subject, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO webhook_events (source, event_id, type, subject, status, received_at, next_attempt_at) "
                                + "VALUES (:source, :id, :type, :subject, 'pending', :now, :now) "
                                + "ON CONFLICT (source, event_id) DO NOTHING")
                .bind("source", name(source))
                .bind("id", eventId)
                .bind("type", type)
                .bind("subject", subject.orElse(null))
                .bind("now", utc(now))
                .execute()) == 1;
    }

    @Override
    public List<LedgerEntry> claimDue(Instant now, Duration lease, int limit) {
        return jdbi.inTransaction(h -> h.createQuery(
                        "UPDATE webhook_events SET next_attempt_at = :leaseUntil WHERE (source, event_id) IN ("
                                + "SELECT source, event_id FROM webhook_events "
                                + "WHERE status <> 'processed' AND next_attempt_at <= :now "
                                + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) "
                                + "RETURNING source, event_id, type, subject, received_at, attempts")
                .bind("leaseUntil", utc(now.plus(lease)))
                .bind("now", utc(now))
                .bind("limit", limit)
                .map((rs, ctx) -> new LedgerEntry(
                        WebhookSource.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
                        rs.getString("event_id"), rs.getString("type"), Optional.ofNullable(rs.getString("subject")),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                .list());
    }

    @Override
    public void markProcessed(WebhookSource source, String eventId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_events SET status = 'processed', processed_at = :now, "
                        + "attempts = attempts + 1, last_error = NULL WHERE source = :source AND event_id = :id")
                .bind("now", utc(now))
                .bind("source", name(source))
                .bind("id", eventId)
                .execute());
    }

    @Override
    public void markFailed(WebhookSource source, String eventId, Instant retryAt, String errorCode) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_events SET status = 'failed', attempts = attempts + 1, "
                        + "next_attempt_at = :retryAt, last_error = :error WHERE source = :source AND event_id = :id")
                .bind("retryAt", utc(retryAt))
                .bind("error", errorCode.length() > 200 ? errorCode.substring(0, 200) : errorCode)
                .bind("source", name(source))
                .bind("id", eventId)
                .execute());
    }

    @Override
    public List<WebhookEventRecord> list(Optional<WebhookEventStatus> status, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT source, event_id, type, subject, status, attempts, received_at, next_attempt_at, last_error "
                                + "FROM webhook_events WHERE (CAST(:status AS text) IS NULL OR status = :status) "
                                + "ORDER BY received_at DESC, event_id DESC LIMIT :limit")
                .bind("status", status.map(WebhookEventStatus::wireName).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> new WebhookEventRecord(
                        WebhookSource.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
                        rs.getString("event_id"), rs.getString("type"), Optional.ofNullable(rs.getString("subject")),
                        WebhookEventStatus.fromWireName(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString("last_error"))))
                .list());
    }

    @Override
    public boolean retryNow(WebhookSource source, String eventId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_events SET next_attempt_at = :now "
                        + "WHERE source = :source AND event_id = :id AND status = 'failed'")
                .bind("now", utc(now))
                .bind("source", name(source))
                .bind("id", eventId)
                .execute()) == 1;
    }

    @Override
    public long backlog() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_events WHERE status <> 'processed'")
                .mapTo(Long.class)
                .one());
    }

    private static String name(WebhookSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
