package io.billingbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.server.BillingBridgeConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.Test;

/** The demo prints an admin token, so it listens on loopback unless told otherwise. */
class DemoCommandTest {
    private final DemoCommand command = new DemoCommand(new BillingBridgeDemo(), new EmulatorTime());

    private Namespace parse(String... args) throws Exception {
        ArgumentParser parser = ArgumentParsers.newFor("billing-bridge-demo").build();
        Subparser demo = parser.addSubparsers().addParser("demo");
        command.configure(demo);
        return parser.parseArgs(Stream.concat(Stream.of("demo"), Stream.of(args)).toArray(String[]::new));
    }

    private static List<String> bindHosts(BillingBridgeConfiguration configuration) {
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        return Stream.concat(server.getApplicationConnectors().stream(), server.getAdminConnectors().stream())
                .map(ConnectorFactory.class::cast)
                .map(c -> ((HttpConnectorFactory) c).getBindHost())
                .toList();
    }

    @Test
    void applicationAndAdminConnectorsBindLoopbackByDefault() throws Exception {
        BillingBridgeConfiguration configuration = new BillingBridgeConfiguration();
        DemoCommand.bindConnectors(configuration, parse().getString("host"));
        assertThat(bindHosts(configuration)).hasSize(2).containsOnly("127.0.0.1");
    }

    @Test
    void hostOptionBindsTheGivenAddress() throws Exception {
        BillingBridgeConfiguration configuration = new BillingBridgeConfiguration();
        DemoCommand.bindConnectors(configuration, parse("--host", "0.0.0.0").getString("host"));
        assertThat(bindHosts(configuration)).hasSize(2).containsOnly("0.0.0.0");
    }
}
