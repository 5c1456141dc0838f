package io.billingbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.SigningSecret;
import io.billingbridge.core.events.WebhookHeaders;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.StandardWebhookSigner;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.Test;

/**
 * The demo prints an admin token, so it listens on loopback unless told otherwise; {@code --events-url} sends the
 * demo's events to the developer's application, signed with a secret it prints.
 */
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

    @Test
    void eventsUrlSendsEveryTypeThereSignedWithTheFreshSecretItPrints() throws Exception {
        Namespace parsed = parse("--events-url", "http://127.0.0.1:3000/billing-events");
        BillingBridgeConfiguration configuration = new BillingBridgeConfiguration();

        String secret = DemoCommand.sendEventsTo(configuration, parsed.getString("eventsUrl"),
                DemoCommand.newSigningSecret());

        assertThat(secret).startsWith("whsec_").isNotEqualTo(DemoCommand.newSigningSecret());
        List<EventEndpoint> endpoints = configuration.getEvents().endpoints(variable -> null);
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:3000/billing-events"));
            assertThat(endpoint.types()).containsExactlyInAnyOrder(EventType.values());
            assertThat(endpoint.secret()).isEqualTo(SigningSecret.parse(secret));
        });
    }

    /** A receiver that checks the signature as the Standard Webhooks spec says, with nothing but the JDK's HMAC. */
    @Test
    void aReceiverHoldingThePrintedSecretVerifiesWhatTheDemoSigns() throws Exception {
        BillingBridgeConfiguration configuration = new BillingBridgeConfiguration();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
        List<Integer> verdicts = new java.util.concurrent.CopyOnWriteArrayList<>();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/billing-events";
        String secret = DemoCommand.sendEventsTo(configuration, url, DemoCommand.newSigningSecret());
        receiver.createContext("/billing-events", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                        (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                int status = expected.equals(exchange.getRequestHeaders().getFirst("webhook-signature")) ? 204 : 400;
                verdicts.add(status);
                exchange.sendResponseHeaders(status, -1);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        receiver.start();
        try {
            EventEndpoint endpoint = configuration.getEvents().endpoints(variable -> null).get(0);
            String body = "{\"type\":\"checkout.completed\",\"timestamp\":\"2026-11-29T08:00:00Z\",\"data\":{}}";
            WebhookHeaders headers = new StandardWebhookSigner().sign(endpoint.secret(), EventId.random(),
                    Instant.now(), body);
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.asMap().forEach(request::header);

            int status = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();

            assertThat(status).isEqualTo(204);
            assertThat(verdicts).containsExactly(204);
        } finally {
            receiver.stop(0);
        }
    }
}
