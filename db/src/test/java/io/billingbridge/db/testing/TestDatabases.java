package io.billingbridge.db.testing;

import io.billingbridge.db.DatabaseMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL per test JVM, and a fresh, migrated database per caller.
 *
 * <p>Starting PostgreSQL takes seconds, creating a database milliseconds: tests share the server, not data.
 */
public final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory goes with it
                }
            }));
        }
        return server;
    }

    /** A new, empty database with every migration applied. */
    public static DataSource freshMigrated() {
        DataSource dataSource = fresh();
        new DatabaseMigrations(dataSource).migrate();
        return dataSource;
    }

    /** A new, empty database with no schema. */
    public static DataSource fresh() {
        String name = "test_" + NEXT.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return server().getDatabase("postgres", name);
    }

    /** The JDBC URL of a database made by {@link #fresh()}, for code that takes a URL. */
    public static String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }
}
