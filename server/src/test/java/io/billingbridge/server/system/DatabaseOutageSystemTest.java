package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.db.testing.TestDatabases;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The database becomes unreachable: reads answer 503 with Retry-After in the error shape, and recover after. */
@Timeout(180)
class DatabaseOutageSystemTest {
    private static final String USER = "user_outage";
    private static TcpProxy proxy;
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        int databasePort = TestDatabases.server().getPort();
        proxy = TcpProxy.to(databasePort);
        system = SystemUnderTest.startRoutedThrough(1,
                url -> url.replace(":" + databasePort + "/", ":" + proxy.port() + "/"));
        system.sandbox().clerk().createUser(USER, "Out", "Age", "outage@example.test");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        proxy.close();
    }

    @AfterEach
    void databaseIsBack() {
        proxy.restore();
    }

    private static Reply readBilling() {
        return system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(USER, Optional.empty()))
                .send();
    }

    @Test
    void unreachableDatabaseIsA503WithRetryAfterAndTheServiceRecoversWhenItIsBack() {
        assertThat(readBilling().status()).as("before the outage").isEqualTo(200);

        proxy.cut();
        Reply down = readBilling();

        assertError(down, 503, "service_unavailable");
        assertThat(down.json().get("error").get("type").asText()).isEqualTo("api_error");
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertError(readBilling(), 503, "service_unavailable");

        proxy.restore();
        SystemUnderTest.await("a billing read answers 200 after the database is back", Duration.ofSeconds(60),
                () -> readBilling().status() == 200);
    }
}
