package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One claimed row of {@code usage_events}. */
public record UsageEventRow(
        String identifier,
        long seq,
        String ownerKey,
        String customerId,
        String eventName,
        long value,
        OffsetDateTime occurredAt,
        int attempts) {
}
