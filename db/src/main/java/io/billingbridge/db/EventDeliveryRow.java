package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code event_outbox} as the admin listing shows it: state and timestamps, never the payload. */
public record EventDeliveryRow(
        long seq,
        String eventId,
        String endpoint,
        String type,
        String ownerKey,
        int attempts,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime givenUpAt) {
}
