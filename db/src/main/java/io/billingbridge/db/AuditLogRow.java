package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code audit_log}, as stored; {@code id} is 0 where a query does not select it. */
public record AuditLogRow(
        long id,
        OffsetDateTime at,
        String actor,
        String ownerKey,
        String action,
        String outcome,
        String detail,
        String requestId) {
}
