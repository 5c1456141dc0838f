package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.db.DatabaseUrl;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;

/** Where PostgreSQL is: a {@code DATABASE_URL} in JDBC or {@code postgres://} form, plus the pool's bounds. */
public class DatabaseSettings {
    @JsonProperty
    private String url;

    @JsonProperty
    private String user;

    @JsonProperty
    private String password;

    @JsonProperty
    @Min(1)
    @Max(500)
    private int maxConnections = 16;

    /**
     * How long a request waits for a free pooled connection before it is answered 503 with {@code Retry-After}
     * (Dropwizard's default is 30 s). No statement holds a connection for longer than a query, and none across a
     * call to Clerk or Stripe, so a connection not free within seconds means overload: better a prompt 503 the
     * client retries than a request hanging behind the queue.
     */
    @JsonProperty
    private Duration maxWaitForConnection = Duration.seconds(5);

    /** The in-memory cache of owners' accounts and snapshots that billing reads are served from. */
    @Valid
    @NotNull
    @JsonProperty
    private ReadCache readCache = new ReadCache();

    /**
     * How many owners the read cache holds and for how long at most. Entries are dropped as soon as any instance
     * changes the owner (PostgreSQL announces every change to every instance); the age limit only bounds what a
     * missed announcement could cost. {@code maxOwners: 0} turns the cache off.
     */
    public static class ReadCache {
        @JsonProperty
        @Min(0)
        @Max(1_000_000)
        private int maxOwners = 5_000;

        @JsonProperty
        @NotNull
        private Duration maxAge = Duration.minutes(5);

        /** How long after losing the change feed it connects again (reads go to the database meanwhile). */
        @JsonProperty
        @NotNull
        private Duration reconnectAfter = Duration.seconds(2);

        public int maxOwners() {
            return maxOwners;
        }

        public java.time.Duration maxAge() {
            return java.time.Duration.ofMillis(maxAge.toMilliseconds());
        }

        public java.time.Duration reconnectAfter() {
            return java.time.Duration.ofMillis(reconnectAfter.toMilliseconds());
        }

        public void setMaxOwners(int maxOwners) {
            this.maxOwners = maxOwners;
        }

        public void setReconnectAfter(Duration reconnectAfter) {
            this.reconnectAfter = reconnectAfter;
        }
    }

    public ReadCache getReadCache() {
        return readCache;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public void setMaxWaitForConnection(Duration maxWaitForConnection) {
        this.maxWaitForConnection = maxWaitForConnection;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /**
     * The pool settings for this database.
     *
     * @throws StartupProblem when the URL is missing or malformed
     */
    public DataSourceFactory toDataSourceFactory() {
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(e.getMessage());
        }
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(parsed.jdbcUrl());
        factory.setUser(user != null ? user : parsed.user().orElse(null));
        factory.setPassword(password != null ? password : parsed.password().orElse(null));
        factory.setMaxSize(maxConnections);
        factory.setMinSize(Math.min(2, maxConnections));
        factory.setMaxWaitForConnection(maxWaitForConnection);
        factory.setInitialSize(0);
        factory.setValidationQuery("/* Billing Bridge health check */ SELECT 1");
        // Not on connect: when that check fails (PostgreSQL shutting down between the handshake and the check), the
        // pool throws a bare SQLException without the SQLState, so the request answered 500 instead of 503. The
        // first statement on the new connection meets the same failure with its SQLState.
        factory.setCheckConnectionOnConnect(false);
        // PostgreSQL's error details quote the failing row, and rows hold customers' emails: keep them out of logs.
        factory.setProperties(java.util.Map.of("logServerErrorDetail", "false"));
        return factory;
    }

    /**
     * A connection of its own for the feed of owner changes (held for as long as the server runs, so not taken from
     * the pool), with a socket timeout so that a connection that silently died is noticed.
     */
    public Connection openChangeFeedConnection() throws SQLException {
        DataSourceFactory factory = toDataSourceFactory();
        Properties properties = new Properties();
        if (factory.getUser() != null) {
            properties.setProperty("user", factory.getUser());
        }
        if (factory.getPassword() != null) {
            properties.setProperty("password", factory.getPassword());
        }
        properties.setProperty("ApplicationName", "billing-bridge-owner-changes");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("logServerErrorDetail", "false");
        return DriverManager.getConnection(factory.getUrl(), properties);
    }

    /**
     * Whether {@code e} is the pool saying no connection became free within {@code maxWaitForConnection}: the
     * pool's own exception, with no SQLState to tell it by.
     */
    static boolean isPoolExhausted(Throwable e) {
        return e instanceof PoolExhaustedException;
    }

    /** The JDBC URL without credentials, safe to print. */
    public String describe() {
        try {
            return DatabaseUrl.parse(url).jdbcUrl().replaceAll("(?i)password=[^&]*", "password=***");
        } catch (IllegalArgumentException e) {
            return "(invalid database URL)";
        }
    }
}
