package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorDefaultsTest {

    private static HttpConnectorFactory connector(String bindHost, DataSize rate) {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(bindHost);
        connector.setMinRequestDataPerSecond(rate);
        return connector;
    }

    @Test
    void connectorsLeftAtDropwizardsDefaultsGetAMinimumRateAndTheAdminConnectorLoopback() {
        DefaultServerFactory server = new DefaultServerFactory();
        ConnectorDefaults.apply(server);
        HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(application.getMinRequestDataPerSecond()).isEqualTo(ConnectorDefaults.MIN_REQUEST_DATA_RATE);
        assertThat(application.getBindHost()).isNull();
        assertThat(admin.getMinRequestDataPerSecond()).isEqualTo(ConnectorDefaults.MIN_REQUEST_DATA_RATE);
        assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void explicitSettingsAreKept() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(connector("10.0.0.5", DataSize.kibibytes(4))));
        server.setAdminConnectors(List.of(connector("0.0.0.0", DataSize.bytes(512))));
        ConnectorDefaults.apply(server);
        HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(application.getMinRequestDataPerSecond()).isEqualTo(DataSize.kibibytes(4));
        assertThat(admin.getBindHost()).isEqualTo("0.0.0.0");
        assertThat(admin.getMinRequestDataPerSecond()).isEqualTo(DataSize.bytes(512));
    }
}
