package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code webhook_events}, as stored. */
public record WebhookEventRow(
        String source,
        String eventId,
        String type,
        String workKind,
        String workKey,
        String workObject,
        String status,
        int attempts,
        OffsetDateTime receivedAt,
        OffsetDateTime nextAttemptAt,
        String lastError) {
}
