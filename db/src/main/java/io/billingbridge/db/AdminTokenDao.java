package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code admin_tokens}. */
@RegisterConstructorMapper(AdminTokenRow.class)
@RegisterConstructorMapper(AdminTokenListRow.class)
public interface AdminTokenDao {

    @SqlUpdate("INSERT INTO admin_tokens (name, token_hash, scopes, created_at) VALUES (:name, :hash, :scopes, :now)")
    void insert(@Bind("name") String name, @Bind("hash") String tokenHash, @Bind("scopes") String scopes,
            @Bind("now") OffsetDateTime now);

    @SqlQuery("SELECT name, scopes, created_at, last_used_at, revoked_at FROM admin_tokens ORDER BY id")
    List<AdminTokenListRow> list();

    /** The unrevoked token with this hash, its use recorded. */
    @SqlQuery("UPDATE admin_tokens SET last_used_at = :now WHERE token_hash = :hash AND revoked_at IS NULL "
            + "RETURNING name, token_hash, scopes")
    Optional<AdminTokenRow> use(@Bind("hash") String tokenHash, @Bind("now") OffsetDateTime now);

    /** Revokes the named token if it is not revoked yet; returns the rows changed (0 or 1). */
    @SqlUpdate("UPDATE admin_tokens SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
    int revoke(@Bind("name") String name, @Bind("now") OffsetDateTime now);
}
