package io.billingbridge.db;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.AuditPosition;
import io.billingbridge.core.audit.SequencedAuditEntry;
import io.billingbridge.core.owner.Owner;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link AuditLog} in the append-only {@code audit_log} table. */
public final class JdbiAuditLog implements AuditLog {
    private final Jdbi jdbi;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void record(AuditEntry entry) {
        jdbi.useExtension(AuditLogDao.class, dao -> dao.insert(entry.at().atOffset(ZoneOffset.UTC), entry.actor(),
                entry.owner().orElse(null), entry.action(), entry.outcome(), entry.detail(),
                entry.requestId().orElse(null)));
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return jdbi.withExtension(AuditLogDao.class, dao -> dao.latest(limit)).stream()
                .map(JdbiAuditLog::entry)
                .toList();
    }

    @Override
    public List<SequencedAuditEntry> about(Owner owner, Optional<AuditPosition> before, int limit) {
        return jdbi.withExtension(AuditLogDao.class, dao -> dao.about(owner.key(),
                        before.map(b -> b.at().atOffset(ZoneOffset.UTC)).orElse(null),
                        before.map(AuditPosition::sequence).orElse(0L), limit)).stream()
                .map(row -> new SequencedAuditEntry(row.id(), entry(row)))
                .toList();
    }

    private static AuditEntry entry(AuditLogRow row) {
        return new AuditEntry(row.at().toInstant(), row.actor(), Optional.ofNullable(row.ownerKey()), row.action(),
                row.outcome(), row.detail(), Optional.ofNullable(row.requestId()));
    }
}
