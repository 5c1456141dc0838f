package io.billingbridge.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an audit entry stands in the newest-first order: by time, then by the order entries were written.
 *
 * @param sequence the log's own number of the entry, unique and increasing
 */
public record AuditPosition(Instant at, long sequence) {
    public AuditPosition {
        Objects.requireNonNull(at, "at");
        if (sequence < 1) {
            throw new IllegalArgumentException("an audit sequence number is positive");
        }
    }
}
