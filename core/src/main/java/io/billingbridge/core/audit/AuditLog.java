package io.billingbridge.core.audit;

import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Optional;

/** Append-only record of billing sessions started and attempts denied. */
public interface AuditLog {

    /** Appends an entry. */
    void record(AuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<AuditEntry> latest(int limit);

    /**
     * The entries about this owner, newest first (by time, then sequence), strictly after {@code before} in that
     * order when given, at most {@code limit}.
     */
    List<SequencedAuditEntry> about(Owner owner, Optional<AuditPosition> before, int limit);
}
