package io.billingbridge.core.audit;

import java.util.List;

/** Append-only record of billing sessions started and attempts denied. */
public interface AuditLog {

    /** Appends an entry. */
    void record(AuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<AuditEntry> latest(int limit);
}
