package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.db.DatabaseUrl;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
