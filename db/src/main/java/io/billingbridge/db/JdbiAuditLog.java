package io.billingbridge.db;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link AuditLog} in the append-only {@code audit_log} table. */
public final class JdbiAuditLog implements AuditLog {
    private final Jdbi jdbi;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEntry entry) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor, owner_key, action, outcome, detail, request_id) "
                        + "VALUES (:at, :actor, :owner, :action, :outcome, :detail, :requestId)")
                .bind("at", entry.at().atOffset(ZoneOffset.UTC))
                .bind("actor", entry.actor())
                .bind("owner", entry.owner().orElse(null))
                .bind("action", entry.action())
                .bind("outcome", entry.outcome())
                .bind("detail", entry.detail())
                .bind("requestId", entry.requestId().orElse(null))
                .execute());
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, actor, owner_key, action, outcome, detail, request_id "
                        + "FROM audit_log ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), Optional.ofNullable(rs.getString("owner_key")), rs.getString("action"),
                        rs.getString("outcome"), rs.getString("detail"), Optional.ofNullable(rs.getString("request_id"))))
                .list());
    }
}
