package io.billingbridge.server;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import java.util.List;

/**
 * Safe connector settings that hold even when config.yml leaves them out: a minimum request data rate on every
 * HTTP connector, so a slow upload cannot hold a worker thread, and the admin connector on loopback.
 *
 * <p>Dropwizard's default rate is 0 (no minimum): a client sending one byte every few seconds kept a thread
 * reading its body for as long as it liked, and about a thousand such clients filled the pool. A configured rate
 * above 0 is kept; 0 is raised to {@link #MIN_REQUEST_DATA_RATE}. An admin connector without a {@code bindHost}
 * binds {@link #ADMIN_HOST}; {@code bindHost: 0.0.0.0} is how to expose it.
 */
final class ConnectorDefaults {
    /**
     * Slower than this and the request is answered 408 and its connection closed. Jetty measures from the first
     * read of the body to each further read, so a small body that arrived whole but is read again after a pause
     * (a busy machine, a GC) also counts as slow: at 1 KiB/s a 150-byte checkout read 150 ms late was refused.
     * 64 B/s leaves seconds of slack for such bodies and still cuts a client that trickles a byte a second.
     */
    static final DataSize MIN_REQUEST_DATA_RATE = DataSize.bytes(64);
    static final String ADMIN_HOST = "127.0.0.1";

    private ConnectorDefaults() {
    }

    static void apply(ServerFactory serverFactory) {
        if (!(serverFactory instanceof DefaultServerFactory server)) {
            return;
        }
        raiseMinimumRate(server.getApplicationConnectors());
        raiseMinimumRate(server.getAdminConnectors());
        for (ConnectorFactory connector : server.getAdminConnectors()) {
            if (connector instanceof HttpConnectorFactory http && http.getBindHost() == null) {
                http.setBindHost(ADMIN_HOST);
            }
        }
    }

    private static void raiseMinimumRate(List<ConnectorFactory> connectors) {
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http && http.getMinRequestDataPerSecond().toBytes() <= 0) {
                http.setMinRequestDataPerSecond(MIN_REQUEST_DATA_RATE);
            }
        }
    }
}
