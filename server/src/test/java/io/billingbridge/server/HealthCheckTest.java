package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.db.DatabaseMigrations;
import io.billingbridge.db.testing.TestDatabases;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class HealthCheckTest {
    private static final String DATABASE = migratedDatabase();

    static final DropwizardAppExtension<BillingBridgeConfiguration> APP = new DropwizardAppExtension<>(
            BillingBridgeApplication.class, null,
            ConfigOverride.config("database.url", DATABASE),
            ConfigOverride.config("database.user", "postgres"),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("logging.level", "WARN"));

    private static String migratedDatabase() {
        try (var c = TestDatabases.server().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE test_health");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = TestDatabases.server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/test_health?");
        new DatabaseMigrations(TestDatabases.server().getDatabase("postgres", "test_health")).migrate();
        return url;
    }

    @Test
    void healthCheckReportsTheDatabaseHealthy() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"database\":{\"healthy\":true");
    }
}
