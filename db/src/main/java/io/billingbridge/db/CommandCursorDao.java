package io.billingbridge.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code command_cursors}. */
@RegisterConstructorMapper(CommandCursorRow.class)
public interface CommandCursorDao {

    @SqlQuery("SELECT stage, position, last_owner_id, users_created, users_recovered, users_existing, users_failed,"
            + " orgs_created, orgs_recovered, orgs_existing, orgs_failed FROM command_cursors WHERE run_kind = :kind")
    Optional<CommandCursorRow> find(@Bind("kind") String kind);

    @SqlUpdate("INSERT INTO command_cursors (run_kind, stage, position, last_owner_id, users_created, users_recovered,"
            + " users_existing, users_failed, orgs_created, orgs_recovered, orgs_existing, orgs_failed)"
            + " VALUES (:kind, :row.stage, :row.position, :row.lastOwnerId, :row.usersCreated, :row.usersRecovered,"
            + " :row.usersExisting, :row.usersFailed, :row.orgsCreated, :row.orgsRecovered, :row.orgsExisting,"
            + " :row.orgsFailed)"
            + " ON CONFLICT (run_kind) DO UPDATE SET stage = EXCLUDED.stage, position = EXCLUDED.position,"
            + " last_owner_id = EXCLUDED.last_owner_id, users_created = EXCLUDED.users_created,"
            + " users_recovered = EXCLUDED.users_recovered, users_existing = EXCLUDED.users_existing,"
            + " users_failed = EXCLUDED.users_failed, orgs_created = EXCLUDED.orgs_created,"
            + " orgs_recovered = EXCLUDED.orgs_recovered, orgs_existing = EXCLUDED.orgs_existing,"
            + " orgs_failed = EXCLUDED.orgs_failed, updated_at = now()")
    void save(@Bind("kind") String kind, @BindMethods("row") CommandCursorRow row);

    @SqlUpdate("DELETE FROM command_cursors WHERE run_kind = :kind")
    void clear(@Bind("kind") String kind);
}
