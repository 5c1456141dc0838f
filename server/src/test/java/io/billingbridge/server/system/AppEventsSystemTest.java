package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.server.EventsSection;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events to the application other than {@code billing.updated}, end to end over real HTTP: Stripe's webhooks
 * from the emulator become {@code checkout.completed} and {@code payment.action_required}, delivered to a receiver in
 * this test and to the README's two example receivers ({@code tools/standardwebhooks-verify/receiver.mjs} with the
 * {@code standardwebhooks} npm package, {@code receiver.py} with Python's standard library), which verify every
 * signature; the admin API lists and retries deliveries.
 */
class AppEventsSystemTest {
    private static final String SECRET_VARIABLE = "BILLING_EVENTS_TEST_SECRET";
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Path TOOLS = WebhookTools.DIRECTORY;
    private static final List<String> ALL_TYPES = List.of("billing.updated", "checkout.completed", "payment.failed",
            "payment.action_required", "trial.will_end", "usage.rejected");

    private static HttpServer receiver;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static final List<String> receivedIds = new CopyOnWriteArrayList<>();
    private static Example node;
    private static Example python;
    private static SystemUnderTest system;
    private static JdbiAdminTokens tokens;

    /** An example receiver run as its own process: what it printed, line by line. */
    private record Example(Process process, List<String> lines, int port) {
        String url() {
            return "http://127.0.0.1:" + port + "/billing-events";
        }

        static Optional<Example> start(List<String> command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true);
            builder.environment().put("WEBHOOK_SECRET", System.getenv(SECRET_VARIABLE));
            builder.environment().put("PORT", "0");
            Process process = builder.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(output lost: " + e.getClass().getSimpleName() + ")");
                }
            }, "example-receiver-output");
            reader.setDaemon(true);
            reader.start();
            SystemUnderTest.await(String.join(" ", command) + " listening", Duration.ofSeconds(30),
                    () -> lines.stream().anyMatch(l -> l.startsWith("listening on ")) || !process.isAlive());
            Optional<String> listening = lines.stream().filter(l -> l.startsWith("listening on ")).findFirst();
            assertThat(listening).as(String.join(" ", command) + " printed: " + lines).isPresent();
            return Optional.of(new Example(process, lines, Integer.parseInt(listening.get().substring(13).trim())));
        }

        List<String> verified() {
            return lines.stream().filter(l -> l.startsWith("verified ")).toList();
        }

        List<String> rejected() {
            return lines.stream().filter(l -> l.startsWith("rejected ")).toList();
        }

        void stop() {
            process.destroy();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/billing-events", AppEventsSystemTest::receive);
        receiver.start();
        if (WebhookTools.available("node")) {
            WebhookTools.installNodePackages();
            node = Example.start(List.of("node", "receiver.mjs")).orElseThrow();
        }
        if (WebhookTools.available("python3")) {
            python = Example.start(List.of("python3", "receiver.py")).orElseThrow();
        }
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/billing-events";
        system = SystemUnderTest.startConfigured(1, config -> {
            EventsSection events = config.getEvents();
            events.setTimeout(io.dropwizard.util.Duration.seconds(2));
            List<EventsSection.EndpointSection> endpoints = new ArrayList<>();
            endpoints.add(new EventsSection.EndpointSection(url, SECRET_VARIABLE, ALL_TYPES));
            for (Example example : new Example[] {node, python}) {
                if (example != null) {
                    endpoints.add(new EventsSection.EndpointSection(example.url(), SECRET_VARIABLE, ALL_TYPES));
                }
            }
            events.setEndpoints(endpoints);
        });
        tokens = new JdbiAdminTokens(Databases.jdbi(system.database()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        receiver.stop(0);
        for (Example example : new Example[] {node, python}) {
            if (example != null) {
                example.stop();
            }
        }
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = SystemUnderTest.JSON.readTree(in.readAllBytes());
            received.add(body);
            receivedIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static Optional<JsonNode> receivedOf(String type, String userId) {
        return received.stream().filter(e -> e.get("type").asText().equals(type)
                && e.at("/data/owner/id").asText().equals(userId)).findFirst();
    }

    /** The user buys Pro monthly with {@code card} through the API; the emulator's webhooks do the rest. */
    private static void buy(String userId, String card) {
        system.newUser(userId, "Test");
        Reply created = system.call("POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(userId, Optional.empty()))
                .json(SystemFixtures.checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        system.sandbox().stripe().completeCheckout(created.json().get("id").asText(), card);
    }

    @Test
    void aCompletedCheckoutIsDeliveredWithWhatWasBoughtOnceWhateverStripeRepeats() {
        buy("user_app_checkout", "4242424242424242");

        SystemUnderTest.await("checkout.completed delivered", DELIVERY,
                () -> receivedOf("checkout.completed", "user_app_checkout").isPresent());
        JsonNode event = receivedOf("checkout.completed", "user_app_checkout").orElseThrow();
        assertThat(event.at("/data/mode").asText()).isEqualTo("subscription");
        assertThat(event.at("/data/session").asText()).startsWith("cs_");
        assertThat(event.at("/data/lineItems")).singleElement().satisfies(line -> {
            assertThat(line.get("price").asText()).startsWith("price_");
            assertThat(line.get("quantity").asLong()).isOne();
            assertThat(line.at("/amount/currency").asText()).isEqualTo("usd");
        });

        system.execute("UPDATE webhook_events SET status = 'pending', next_attempt_at = now() "
                + "WHERE work_kind = 'checkout.completed'");
        SystemUnderTest.await("the Stripe event processed again", DELIVERY, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_kind = 'checkout.completed' AND status <> 'processed'")
                == 0);
        assertThat(system.count("SELECT count(*) FROM event_outbox WHERE type = 'checkout.completed' "
                + "AND owner_key = 'user:user_app_checkout'")).as("one row per endpoint")
                .isEqualTo(1 + (node == null ? 0 : 1) + (python == null ? 0 : 1));
    }

    @Test
    void aRenewalOnACardThatAsksFor3dSecureTellsTheApplicationWhereTheCustomerPays() {
        buy("user_app_3ds", "4000002760003184");
        SystemUnderTest.await("checkout.completed delivered", DELIVERY,
                () -> receivedOf("checkout.completed", "user_app_3ds").isPresent());

        system.sandbox().stripe().advanceClock(Duration.ofDays(32));

        SystemUnderTest.await("payment.action_required delivered", DELIVERY,
                () -> receivedOf("payment.action_required", "user_app_3ds").isPresent());
        JsonNode data = receivedOf("payment.action_required", "user_app_3ds").orElseThrow().get("data");
        assertThat(data.get("invoice").asText()).startsWith("in_");
        assertThat(data.get("hostedInvoiceUrl").asText()).startsWith("http");
        assertThat(data.get("attemptCount").asInt()).isOne();
        assertThat(data.at("/amountDue/amount").asLong()).isPositive();
        assertThat(data.toString()).doesNotContain("cus_", "pm_", "@");
    }

    @Test
    void aRenewalChargedToADecliningCardTellsTheApplicationThePaymentFailed() throws Exception {
        buy("user_app_declined", "4242424242424242");
        SystemUnderTest.await("checkout.completed delivered", DELIVERY,
                () -> receivedOf("checkout.completed", "user_app_declined").isPresent());
        StripeClient stripe = SystemFixtures.stripe(system);
        String customer = SystemFixtures.customersOf(system, "user", "user_app_declined").get(0).getId();
        String declining = stripe.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(customer).build()).getId();
        stripe.v1().customers().update(customer, CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(declining).build()).build());
        for (var subscription : stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(customer).build()).getData()) {
            stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                    .setDefaultPaymentMethod(declining).build());
        }

        system.sandbox().stripe().advanceClock(Duration.ofDays(32));

        SystemUnderTest.await("payment.failed delivered", DELIVERY,
                () -> receivedOf("payment.failed", "user_app_declined").isPresent());
        JsonNode data = receivedOf("payment.failed", "user_app_declined").orElseThrow().get("data");
        assertThat(data.get("attemptCount").asInt()).isOne();
        assertThat(data.get("nextAttempt").isTextual()).as("Stripe retries a declined card").isTrue();
        assertThat(data.get("hostedInvoiceUrl").asText()).startsWith("http");
    }

    @Test
    void supportListsDeliveriesAndRetriesAGivenUpOneWithAWriteToken() {
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/billing-events";
        system.execute("INSERT INTO event_outbox (event_id, endpoint, type, owner_key, payload, created_at, "
                + "next_attempt_at, retries_from, attempts, given_up_at, last_error) VALUES ('msg_givenup1', '"
                + endpoint + "', 'usage.rejected', 'user:user_app_support', '{\"type\": \"usage.rejected\", "
                + "\"timestamp\": \"2026-11-28T08:00:00Z\", \"data\": {\"owner\": {\"type\": \"user\", \"id\": "
                + "\"user_app_support\"}, \"identifier\": \"req_1\", \"event\": \"api_calls\", \"value\": 1, "
                + "\"reason\": \"no_customer\"}}', now() - interval '2 days', now() - interval '1 day', "
                + "now() - interval '2 days', 9, now() - interval '1 day', '500')");
        String reader = tokens.create("support-read-app-events", Set.of(io.billingbridge.core.admin.AdminScope.READ));
        String writer = tokens.create("support-write-app-events", SystemFixtures.READ_WRITE);

        Reply listed = system.call("GET", "/admin/v1/app-events?ownerType=user&ownerId=user_app_support"
                + "&state=given_up").bearer(reader).send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("data")).singleElement().satisfies(d -> {
            assertThat(d.get("eventId").asText()).isEqualTo("msg_givenup1");
            assertThat(d.get("attempts").asInt()).isEqualTo(9);
            assertThat(d.get("lastErrorCode").asText()).isEqualTo("500");
            assertThat(d.has("givenUpAt")).isTrue();
        });
        assertThat(listed.body()).doesNotContain("whsec_");
        String retryBody = "{\"endpoint\": \"" + endpoint + "\"}";
        assertThat(system.call("POST", "/admin/v1/app-events/msg_givenup1/retry").bearer(reader).json(retryBody)
                .send().status()).as("a read token").isEqualTo(403);

        Reply retried = system.call("POST", "/admin/v1/app-events/msg_givenup1/retry").bearer(writer)
                .json(retryBody).send();

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        SystemUnderTest.await("the retried delivery accepted", DELIVERY, () -> receivedIds.contains("msg_givenup1"));
        SystemUnderTest.await("listed as delivered", DELIVERY, () -> system.call("GET",
                "/admin/v1/app-events?ownerType=user&ownerId=user_app_support&state=delivered").bearer(reader).send()
                .json().get("data").size() == 1);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE action = 'admin.app_events.retry' "
                + "AND outcome = 'allowed'")).isOne();
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE action = 'admin.app_events.retry' "
                + "AND outcome = 'denied'")).isOne();
    }

    @Test
    void usageStripeRefusesForGoodIsToldToTheApplicationAsUsageRejected() {
        MeteredCustomers metered = new MeteredCustomers(system);
        com.stripe.model.billing.Meter meter = metered.meter("refused_calls");
        Owner owner = Owner.user("user_app_usage");
        CustomerId customer = metered.customer(owner);
        metered.subscribe(customer, metered.meteredPrice(meter, 2));
        String appKey = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC())
                .create("app-events-usage", Set.of(AppKeyScope.USAGE_WRITE));
        // Stripe is down for the first sends (retried after 1, 2 and 4 s), and the customer is deleted meanwhile.
        system.sandbox().stripe().failNextRequestsTo("POST", "/v1/billing/meter_events", 3, 503);
        Reply accepted = system.call("POST", "/v1/usage").bearer(appKey).json("{\"ownerType\":\"user\","
                + "\"ownerId\":\"user_app_usage\",\"event\":\"" + meter.getEventName() + "\",\"value\":7,"
                + "\"identifier\":\"usage-refused-1\"}").send();
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        MeteredCustomers.call(() -> metered.stripe().v1().customers().delete(customer.value()));

        SystemUnderTest.await("usage.rejected delivered", DELIVERY,
                () -> receivedOf("usage.rejected", "user_app_usage").isPresent());
        JsonNode event = receivedOf("usage.rejected", "user_app_usage").orElseThrow();
        assertThat(event.at("/data/owner/type").asText()).isEqualTo("user");
        assertThat(event.at("/data/identifier").asText()).isEqualTo("usage-refused-1");
        assertThat(event.at("/data/event").asText()).isEqualTo(meter.getEventName());
        assertThat(event.at("/data/value").asLong()).isEqualTo(7);
        assertThat(event.at("/data/reason").asText()).matches("[a-z][a-z0-9_]*");
        assertThat(event.toString()).as("nothing of Stripe's customer").doesNotContain(customer.value());
        assertThat(system.count("SELECT count(*) FROM usage_events WHERE identifier = 'usage-refused-1' "
                + "AND state = 'rejected'")).isOne();
    }

    @Test
    void theReadmeReceiversInNodeAndPythonVerifyEveryDeliveryTheyGet() {
        // Skipped only where node and python3 are missing outside CI (WebhookTools: under CI a missing one fails).
        Assumptions.assumeTrue(node != null || python != null, "neither node nor python3 is installed: the README's "
                + "receiver examples are not run");
        buy("user_app_examples", "4242424242424242");
        for (Example example : new Example[] {node, python}) {
            if (example == null) {
                continue;
            }
            SystemUnderTest.await("checkout.completed verified by " + example.process().info().command().orElse("?"),
                    DELIVERY, () -> example.verified().stream()
                            .anyMatch(l -> l.endsWith(" checkout.completed user:user_app_examples")));
            // The receiver prints its line as it answers, and its output is read on another thread: wait until
            // every delivery is accepted and its line read, then compare.
            String rows = "SELECT count(*) FROM event_outbox WHERE endpoint = '" + example.url() + "'";
            SystemUnderTest.await("every delivery to it accepted and printed", DELIVERY,
                    () -> system.count(rows + " AND delivered_at IS NULL") == 0
                            && example.verified().size() >= system.count(rows));
            assertThat(example.rejected()).as(example.lines().toString()).isEmpty();
            assertThat(example.verified()).as("one line per event, each handled once")
                    .hasSize((int) system.count(rows)).doesNotHaveDuplicates();
        }
        Assumptions.assumeTrue(node != null, "node is not installed: the Node receiver example is not run");
        Assumptions.assumeTrue(python != null, "python3 is not installed: the Python receiver example is not run");
    }

    @Test
    void theReadmeShowsExactlyTheReceiversThatAreRunHere() throws Exception {
        String readme = Files.readString(TOOLS.resolve("..").resolve("..").resolve("README.md").normalize());

        assertThat(readme).contains("```js\n" + Files.readString(TOOLS.resolve("receiver.mjs")) + "```");
        assertThat(readme).contains("```python\n" + Files.readString(TOOLS.resolve("receiver.py")) + "```");
    }
}
