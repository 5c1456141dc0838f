package io.billingbridge.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the Jdbi instance every adapter in this module shares. */
public final class Databases {
    private Databases() {
    }

    /** A Jdbi over the data source with the SqlObject and PostgreSQL plugins installed. */
    public static Jdbi jdbi(DataSource dataSource) {
        return configure(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /**
     * Installs the PostgreSQL plugin and keeps statement errors free of SQL and bound values: their messages end up
     * in logs, and the values include customers' emails.
     */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }
}
