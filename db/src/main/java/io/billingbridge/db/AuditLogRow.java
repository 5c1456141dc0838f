package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code audit_log}, as stored. */
public record AuditLogRow(
        OffsetDateTime at,
        String actor,
        String ownerKey,
        String action,
        String outcome,
        String detail,
        String requestId) {
}
