package io.billingbridge.core.audit;

import java.util.Objects;

/**
 * An audit entry with the log's number for it, so a listing can continue after it.
 *
 * @param sequence unique and increasing in the order entries were written
 */
public record SequencedAuditEntry(long sequence, AuditEntry entry) {
    public SequencedAuditEntry {
        Objects.requireNonNull(entry, "entry");
    }

    /** Where this entry stands in the newest-first order. */
    public AuditPosition position() {
        return new AuditPosition(entry.at(), sequence);
    }
}
