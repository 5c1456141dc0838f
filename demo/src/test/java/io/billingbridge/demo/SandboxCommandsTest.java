package io.billingbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.billingbridge.clerk.SvixIdentityEventVerifier;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.stripe.StripeEventVerifier;
import io.dropwizard.core.cli.Command;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxCommandsTest {
    private final BlockingQueue<WebhookDelivery> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/webhooks", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.add(new WebhookDelivery(body, headers));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/" + path;
    }

    private static Namespace parse(Command command, String... args) throws Exception {
        ArgumentParser parser = ArgumentParsers.newFor("billing-bridge-demo").build();
        command.configure(parser.addSubparsers().addParser(command.getName()));
        return parser.parseArgs(Stream.concat(Stream.of(command.getName()), Stream.of(args)).toArray(String[]::new));
    }

    private WebhookDelivery nextDelivery() throws InterruptedException {
        WebhookDelivery delivery = received.poll(20, TimeUnit.SECONDS);
        assertThat(delivery).as("a webhook delivered within 20 s").isNotNull();
        return delivery;
    }

    @Test
    void stripeEmulatorWithAWebhookUrlDeliversEventsSignedWithTheDefaultDevSecret() throws Exception {
        Namespace arguments = parse(new SandboxCommands.StripeEmulatorCommand(), "--port", "0", "--webhook-url",
                receiverUrl("stripe"));

        try (StripeEmulator emulator = StripeEmulator.start(SandboxCommands.StripeEmulatorCommand.config(arguments))) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "/v1/customers"))
                    .header("Authorization", "Bearer sk_test_sandbox_command")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=eve%40example.test")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            StripeEventVerifier verifier = new StripeEventVerifier(DemoSandbox.STRIPE_WEBHOOK_SECRET,
                    Duration.ofSeconds(300), Clock.systemUTC());
            VerifiedEvent event = verifier.verify(nextDelivery());
            assertThat(event.type()).isEqualTo("customer.created");
        }
    }

    @Test
    void stripeEmulatorSignsWithTheGivenWebhookSecret() throws Exception {
        Namespace arguments = parse(new SandboxCommands.StripeEmulatorCommand(), "--port", "0", "--webhook-url",
                receiverUrl("stripe"), "--webhook-secret", "whsec_my_own");

        assertThat(SandboxCommands.StripeEmulatorCommand.config(arguments).webhookEndpoints())
                .singleElement().satisfies(endpoint -> {
                    assertThat(endpoint.url()).isEqualTo(receiverUrl("stripe"));
                    assertThat(endpoint.secret()).isEqualTo("whsec_my_own");
                });
    }

    @Test
    void clerkDevWithAWebhookUrlDeliversSvixSignedEvents() throws Exception {
        Namespace arguments = parse(new SandboxCommands.ClerkDevCommand(), "--port", "0", "--webhook-url",
                receiverUrl("clerk"));

        try (ClerkDevInstance clerk = ClerkDevInstance.start(SandboxCommands.ClerkDevCommand.config(arguments))) {
            clerk.createUser("user_eve", "Eve", "Evans", "eve@example.test");

            VerifiedEvent event = new SvixIdentityEventVerifier(ClerkDevConfig.DEFAULT_WEBHOOK_SECRET)
                    .verify(nextDelivery());
            assertThat(event.type()).isEqualTo("user.created");
        }
    }

    @Test
    void aWebhookUrlThatIsNotAnAbsoluteHttpUrlOrASecretWithoutAUrlIsRefused() throws Exception {
        assertThatThrownBy(() -> SandboxCommands.ClerkDevCommand.config(parse(new SandboxCommands.ClerkDevCommand(),
                "--webhook-url", "ftp://example.test/hooks"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxCommands.StripeEmulatorCommand.config(parse(
                new SandboxCommands.StripeEmulatorCommand(), "--webhook-url", "/webhooks/stripe")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxCommands.StripeEmulatorCommand.config(parse(
                new SandboxCommands.StripeEmulatorCommand(), "--webhook-secret", "whsec_x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
