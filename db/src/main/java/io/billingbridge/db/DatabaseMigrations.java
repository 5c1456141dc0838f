package io.billingbridge.db;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Applies and reports the schema migrations in {@code db/migration} with Flyway. */
public final class DatabaseMigrations {

    /** One migration's state, for {@code db info}. */
    public record Status(String version, String description, String state) {
    }

    private final Flyway flyway;

    public DatabaseMigrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies pending migrations and returns how many ran (0 when the schema is current). */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** Every known migration with its state. */
    public List<Status> info() {
        MigrationInfo[] all = flyway.info().all();
        return Arrays.stream(all)
                .map(m -> new Status(String.valueOf(m.getVersion()), m.getDescription(), m.getState().getDisplayName()))
                .toList();
    }

    /** True when no migration is waiting to be applied. */
    public boolean isCurrent() {
        return flyway.info().pending().length == 0;
    }
}
