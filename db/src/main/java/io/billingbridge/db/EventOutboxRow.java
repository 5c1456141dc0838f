package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One claimed row of {@code event_outbox}, with its payload as the text that is sent. */
public record EventOutboxRow(
        String eventId,
        String endpoint,
        long seq,
        String type,
        String ownerKey,
        String body,
        OffsetDateTime retriesFrom,
        int attempts) {
}
