package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import org.junit.jupiter.api.Test;

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
}
