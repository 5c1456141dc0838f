package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the append-only {@code audit_log}. */
@RegisterConstructorMapper(AuditLogRow.class)
public interface AuditLogDao {

    @SqlUpdate("INSERT INTO audit_log (at, actor, owner_key, action, outcome, detail, request_id) "
            + "VALUES (:at, :actor, :ownerKey, :action, :outcome, :detail, :requestId)")
    void insert(@Bind("at") OffsetDateTime at, @Bind("actor") String actor, @Bind("ownerKey") String ownerKey,
            @Bind("action") String action, @Bind("outcome") String outcome, @Bind("detail") String detail,
            @Bind("requestId") String requestId);

    @SqlQuery("SELECT id, at, actor, owner_key, action, outcome, detail, request_id "
            + "FROM audit_log ORDER BY id DESC LIMIT :limit")
    List<AuditLogRow> latest(@Bind("limit") int limit);

    /**
     * The owner's entries, newest first by time then id, after the given position when {@code beforeAt} is set;
     * served by the index {@code audit_log_owner}.
     */
    @SqlQuery("SELECT id, at, actor, owner_key, action, outcome, detail, request_id FROM audit_log "
            + "WHERE owner_key = :ownerKey "
            + "AND (CAST(:beforeAt AS timestamptz) IS NULL OR (at, id) < (:beforeAt, :beforeId)) "
            + "ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditLogRow> about(@Bind("ownerKey") String ownerKey, @Bind("beforeAt") OffsetDateTime beforeAt,
            @Bind("beforeId") long beforeId, @Bind("limit") int limit);
}
