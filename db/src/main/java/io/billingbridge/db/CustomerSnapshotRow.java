package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code customer_snapshots}, as stored; {@code snapshot} is the jsonb document as text. */
public record CustomerSnapshotRow(
        String customerId,
        String ownerType,
        String ownerId,
        String snapshot,
        OffsetDateTime syncedAt,
        boolean dirty,
        boolean listenersPending) {
}
