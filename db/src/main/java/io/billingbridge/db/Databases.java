package io.billingbridge.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the Jdbi instance every adapter in this module shares. */
public final class Databases {
    private Databases() {
    }

    /** A Jdbi over the data source with the SqlObject and PostgreSQL plugins installed. */
    public static Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }
}
