package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.codahale.metrics.MetricRegistry;
import io.billingbridge.db.testing.TestDatabases;
import io.billingbridge.http.UnexpectedExceptionMapper;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * The pool waits a bounded time for a connection, a full pool is told apart from other errors, and a failure of a new
 * connection keeps its SQLState.
 */
class DatabaseSettingsTest {

    private static DataSourceFactory pool() {
        DatabaseSettings settings = new DatabaseSettings();
        settings.setUrl("jdbc:postgresql://localhost:5432/billing");
        settings.setUser("billing");
        return settings.toDataSourceFactory();
    }

    /**
     * tomcat-jdbc reports a failed check of a new connection as a bare SQLException without the SQLState, which the
     * API cannot tell from a bug (a 500 where PostgreSQL restarting is a 503); DatabaseRestartSystemTest met it.
     */
    @Test
    void newConnectionsAreNotCheckedOnConnectSoAFailureKeepsItsSqlState() {
        assertThat(pool().getCheckConnectionOnConnect()).isFalse();
    }

    @Test
    void pooledConnectionsAreStillCheckedWhileIdle() {
        assertThat(pool().getCheckConnectionWhileIdle()).isTrue();
        assertThat(pool().getValidationQuery()).hasValueSatisfying(query -> assertThat(query).endsWith("SELECT 1"));
    }

    @Test
    void aRequestWaitsAtMostFiveSecondsForAConnectionUnlessConfigured() throws Exception {
        String url = "database:\n  url: jdbc:postgresql://db.example:5432/billing\n";
        assertThat(ConfigurationFiles.parse(url).getDatabase().toDataSourceFactory().getMaxWaitForConnection())
                .isEqualTo(Duration.seconds(5));
        assertThat(ConfigurationFiles.parse(url + "  maxWaitForConnection: 750ms\n").getDatabase()
                .toDataSourceFactory().getMaxWaitForConnection()).isEqualTo(Duration.milliseconds(750));
    }

    @Test
    void whatTheRealPoolThrowsWhenFullIsA503WithRetryAfter() throws Exception {
        DatabaseSettings settings = new DatabaseSettings();
        settings.setUrl(TestDatabases.server().getJdbcUrl("postgres", "postgres"));
        settings.setMaxConnections(1);
        settings.setMaxWaitForConnection(Duration.milliseconds(100));
        DataSourceFactory factory = settings.toDataSourceFactory();
        factory.setUser("postgres");
        ManagedDataSource pool = factory.build(new MetricRegistry(), "full-pool-test");
        try (Connection only = pool.getConnection()) {
            Throwable full = catchThrowable(pool::getConnection);

            assertThat(DatabaseSettings.isPoolExhausted(full)).as(String.valueOf(full)).isTrue();
            Response response = new UnexpectedExceptionMapper(DatabaseSettings::isPoolExhausted)
                    .toResponse(new IllegalStateException("Unable to obtain connection", full));
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        } finally {
            pool.stop();
        }
    }
}
