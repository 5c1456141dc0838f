package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.db.DatabaseUrl;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Where PostgreSQL is: a {@code DATABASE_URL} in JDBC or {@code postgres://} form, plus pool size. */
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

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
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

    /** The JDBC URL without credentials, safe to print. */
    public String describe() {
        try {
            return DatabaseUrl.parse(url).jdbcUrl().replaceAll("(?i)password=[^&]*", "password=***");
        } catch (IllegalArgumentException e) {
            return "(invalid database URL)";
        }
    }
}
