package io.billingbridge.core.testing;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.AuditPosition;
import io.billingbridge.core.audit.SequencedAuditEntry;
import io.billingbridge.core.owner.Owner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log that keeps entries in memory. */
public final class RecordingAuditLog implements AuditLog {
    public final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        List<AuditEntry> copy = new ArrayList<>(entries);
        Collections.reverse(copy);
        return copy.subList(0, Math.min(limit, copy.size()));
    }

    /** {@inheritDoc} The sequence number of an entry is its place in {@link #entries}, from 1. */
    @Override
    public List<SequencedAuditEntry> about(Owner owner, Optional<AuditPosition> before, int limit) {
        List<AuditEntry> copy = new ArrayList<>(entries);
        Comparator<AuditPosition> newestFirst = Comparator.comparing(AuditPosition::at)
                .thenComparingLong(AuditPosition::sequence).reversed();
        return IntStream.range(0, copy.size())
                .mapToObj(i -> new SequencedAuditEntry(i + 1, copy.get(i)))
                .filter(e -> e.entry().owner().equals(Optional.of(owner.key())))
                .filter(e -> before.map(b -> newestFirst.compare(e.position(), b) > 0).orElse(true))
                .sorted(Comparator.comparing(SequencedAuditEntry::position, newestFirst))
                .limit(limit)
                .toList();
    }
}
