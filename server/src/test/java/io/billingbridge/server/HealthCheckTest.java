package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.server.system.SystemUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    @Test
    void healthCheckReportsDatabaseAndWebhookLedgerHealthy() throws Exception {
        try (SystemUnderTest system = SystemUnderTest.start(1)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(system.adminUrl(0) + "/healthcheck")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"database\":{\"healthy\":true")
                    .contains("\"webhook-ledger\":{\"healthy\":true");
        }
    }
}
