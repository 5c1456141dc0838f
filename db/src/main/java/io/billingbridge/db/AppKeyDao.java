package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code app_keys}. */
@RegisterConstructorMapper(AppKeyRow.class)
@RegisterConstructorMapper(AppKeyListRow.class)
public interface AppKeyDao {

    @SqlUpdate("INSERT INTO app_keys (name, key_hash, scopes, created_at) VALUES (:name, :hash, :scopes, :now)")
    void insert(@Bind("name") String name, @Bind("hash") String keyHash, @Bind("scopes") String scopes,
            @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT name, scopes, created_at, last_used_at, revoked_at FROM app_keys ORDER BY id")
    List<AppKeyListRow> list();

    /**
     * The unrevoked key with this hash; its use is recorded when the last recorded use is before {@code staleBefore}
     * (or there is none), so a busy key is written at most once per interval rather than on every request.
     */
    @SqlQuery("WITH found AS (SELECT id, name, key_hash, scopes, last_used_at FROM app_keys "
            + "WHERE key_hash = :hash AND revoked_at IS NULL), "
            + "used AS (UPDATE app_keys k SET last_used_at = :now FROM found WHERE k.id = found.id "
            + "AND (found.last_used_at IS NULL OR found.last_used_at < :staleBefore) RETURNING k.id) "
            + "SELECT name, key_hash, scopes FROM found")
    Optional<AppKeyRow> use(@Bind("hash") String keyHash, @Bind("now") OffsetDateTime now,
            @Bind("staleBefore") OffsetDateTime staleBefore);

    /** Revokes the named key if it is not revoked yet; returns the rows changed (0 or 1). */
    @SqlUpdate("UPDATE app_keys SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
    int revoke(@Bind("name") String name, @Bind("now") OffsetDateTime now);
}
