package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.sandbox.stripe.WebhookDelivery;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL is really restarted (stopped, then started again on the same port and data) in the middle of a burst of
 * signed Stripe webhooks, which the emulator delivers and retries, and which this test delivers a second time as
 * Stripe does when it retries: the server recovers without a restart, every event is recorded once and processed
 * once, and the snapshots end equal to what Stripe holds.
 */
@Timeout(120)
class DatabaseRestartSystemTest {
    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final int OWNERS = 12;
    private static RestartablePostgres postgres;
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        postgres = RestartablePostgres.start();
        system = SystemUnderTest.startOn(postgres.port(), 1);
        stripe = system.sandbox().stripe();
        system.execute("""
                CREATE TABLE webhook_event_transitions (
                    source text NOT NULL, event_id text NOT NULL, what text NOT NULL);
                CREATE FUNCTION log_webhook_event_transition() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.attempts <> OLD.attempts THEN
                        INSERT INTO webhook_event_transitions VALUES (NEW.source, NEW.event_id, NEW.status);
                    ELSIF NEW.next_attempt_at > OLD.next_attempt_at THEN
                        INSERT INTO webhook_event_transitions VALUES (NEW.source, NEW.event_id, 'claimed');
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER webhook_event_transitions AFTER UPDATE ON webhook_events
                    FOR EACH ROW EXECUTE FUNCTION log_webhook_event_transition();
                """);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String user(int i) {
        return "user_restart_" + i;
    }

    private static String token(String user) {
        return system.token(user, Optional.empty());
    }

    private static Reply readBilling(String user) {
        return system.call("GET", "/v1/billing/customer?owner=user").bearer(token(user)).send();
    }

    @Test
    void postgresRestartedMidBurstLosesNoEventProcessesEachOnceAndTheServerRecoversOnItsOwn() throws Exception {
        Map<String, String> sessions = new LinkedHashMap<>();
        for (int i = 0; i < OWNERS; i++) {
            system.sandbox().clerk().createUser(user(i), "Re", "Start " + i, "restart" + i + "@example.test");
            Reply checkout = system.call("POST", "/v1/billing/checkout-sessions").bearer(token(user(i)))
                    .json(checkoutBody("user", "pro_monthly", "")).send();
            assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
            sessions.put(user(i), checkout.json().get("id").asText());
        }
        var jetty = system.jetty(0);
        // Stripe answers a little slowly, so the worker is still busy with the burst when PostgreSQL goes away.
        stripe.addLatency(Duration.ofMillis(30), 0);

        try (StripeLikeRedelivery redelivery = new StripeLikeRedelivery()) {
            List<String> users = List.copyOf(sessions.keySet());
            for (String user : users) {
                stripe.completeCheckout(sessions.get(user), "4242424242424242");
            }
            redelivery.sendNewEvents();
            long unprocessedAtStop = system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed'");

            postgres.stop();
            Reply down = readBilling(user(0));
            assertError(down, 503, "service_unavailable");
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            Reply webhookDown = redelivery.deliverOnce(redelivery.anyEvent());
            assertError(webhookDown, 503, "service_unavailable");
            assertThat(webhookDown.headers().firstValue("Retry-After")).hasValue("5");
            stripe.advanceClock(Duration.ofDays(32));
            redelivery.sendNewEvents();
            postgres.startAgain();

            for (String user : users.subList(0, OWNERS / 3)) {
                cancelSubscriptionsOf(user);
            }
            redelivery.sendNewEvents();
            stripe.clearFaults();

            Set<String> events = redelivery.known();
            SystemUnderTest.await("the test's deliveries to be acknowledged", SETTLE, redelivery::allAcknowledged);
            SystemUnderTest.await("the emulator's deliveries to be acknowledged", SETTLE,
                    () -> stripe.webhookDeliveries().stream().noneMatch(d -> d.state().equals("pending")));
            SystemUnderTest.await("every Stripe event to be processed", SETTLE, () -> system.count(
                    "SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND status = 'processed'")
                    == events.size());

            assertThat(events).as("a burst").hasSizeGreaterThanOrEqualTo(100);
            assertThat(unprocessedAtStop).as("events still unprocessed when PostgreSQL stopped").isPositive();
            assertThat(stripe.webhookDeliveries()).as("the emulator's deliveries").allSatisfy(
                    d -> assertThat(d.state()).as(d.eventId()).isEqualTo("succeeded"));
            assertThat(stripe.webhookDeliveries().stream().map(WebhookDelivery::eventId).collect(Collectors.toSet()))
                    .isEqualTo(events);
            assertThat(redelivery.statuses().keySet()).as("every status the test's deliveries got: no 500")
                    .contains(200).isSubsetOf(200, 503);
            assertThat(redelivery.unavailableReplies()).allSatisfy(reply -> {
                assertError(reply, 503, "service_unavailable");
                assertThat(reply.headers().firstValue("Retry-After")).hasValue("5");
            });
            assertRecordedAndProcessedOnce(events);
        }

        assertThat(system.jetty(0)).as("the same server, never restarted").isSameAs(jetty);
        assertThat(jetty.isRunning()).isTrue();
        for (String user : sessions.keySet()) {
            assertSnapshotEqualsStripe(user);
        }
    }

    private static void assertRecordedAndProcessedOnce(Set<String> events) {
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe'"))
                .as("one ledger row per event").isEqualTo(events.size());
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND (status <> 'processed'"
                + " OR processed_at IS NULL)")).isZero();
        assertThat(system.count("SELECT count(*) FROM (SELECT event_id FROM webhook_event_transitions WHERE source ="
                + " 'stripe' AND what = 'processed' GROUP BY event_id HAVING count(*) = 1) once"))
                .as("events marked processed exactly once").isEqualTo(events.size());
        assertThat(system.count("SELECT count(*) FROM webhook_events e WHERE source = 'stripe' AND attempts <> ("
                + "SELECT count(*) FROM webhook_event_transitions t WHERE t.source = e.source"
                + " AND t.event_id = e.event_id AND t.what = 'claimed')"))
                .as("events whose every claim has its outcome recorded (none processed again after a lost outcome)")
                .isZero();
    }

    private static void cancelSubscriptionsOf(String user) throws StripeException {
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        for (Subscription subscription : subscriptionsOf(customer)) {
            SystemFixtures.stripe(system).v1().subscriptions().cancel(subscription.getId());
        }
    }

    private static List<Subscription> subscriptionsOf(String customer) throws StripeException {
        return SystemFixtures.stripe(system).v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(customer).setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).build()).getData();
    }

    private static void assertSnapshotEqualsStripe(String user) throws StripeException {
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        Map<String, String> inStripe = new TreeMap<>();
        for (Subscription s : subscriptionsOf(customer)) {
            inStripe.put(s.getId(), s.getStatus() + " " + s.getItems().getData().stream()
                    .map(item -> item.getPrice().getId() + " x" + item.getQuantity()).sorted().toList());
        }
        JsonNode billing = readBilling(user).json();
        Map<String, String> served = new TreeMap<>();
        for (JsonNode s : billing.get("subscriptions")) {
            List<String> items = new ArrayList<>();
            s.get("items").forEach(item -> items.add(item.get("price").asText() + " x" + item.get("quantity").asLong()));
            served.put(s.get("id").asText(), s.get("status").asText() + " " + items.stream().sorted().toList());
        }
        assertThat(billing.get("customer").asText()).isEqualTo(customer);
        assertThat(billing.get("stale").asBoolean()).as("stale snapshot of " + user).isFalse();
        assertThat(served).as("subscriptions of " + user).isEqualTo(inStripe);
    }

    /**
     * Delivers every event the emulator has made a second time, as Stripe does when it retries: signed, from several
     * threads, again after any answer but 2xx, with a doubling delay; remembers every answer.
     */
    private static final class StripeLikeRedelivery implements AutoCloseable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
        private final Map<String, String> payloads = new ConcurrentHashMap<>();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final List<Reply> unavailable = new CopyOnWriteArrayList<>();

        /** Lists the emulator's events and starts delivering those not seen before. */
        void sendNewEvents() {
            for (JsonNode event : emulatorEvents()) {
                String id = event.get("id").asText();
                if (payloads.putIfAbsent(id, event.toString()) == null) {
                    senders.execute(() -> deliver(id, 1));
                }
            }
        }

        private void deliver(String id, int attempt) {
            Reply reply = deliverOnce(id);
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() >= 200 && reply.status() < 300) {
                acknowledged.add(id);
                return;
            }
            if (reply.status() == 503) {
                unavailable.add(reply);
            }
            long delay = Math.min(100L << Math.min(attempt, 5), 2_000L);
            senders.schedule(() -> deliver(id, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }

        Reply deliverOnce(String id) {
            String payload = payloads.get(id);
            long now = System.currentTimeMillis() / 1000;
            return system.call("POST", "/v1/webhooks/stripe")
                    .header("Stripe-Signature", SystemFixtures.stripeSignature(now, payload))
                    .bytes(payload.getBytes(StandardCharsets.UTF_8), "application/json").send();
        }

        String anyEvent() {
            return payloads.keySet().iterator().next();
        }

        Set<String> known() {
            return Set.copyOf(payloads.keySet());
        }

        boolean allAcknowledged() {
            return acknowledged.containsAll(payloads.keySet());
        }

        Map<Integer, Integer> statuses() {
            return Map.copyOf(statuses);
        }

        List<Reply> unavailableReplies() {
            return List.copyOf(unavailable);
        }

        private List<JsonNode> emulatorEvents() {
            List<JsonNode> events = new ArrayList<>();
            String after = null;
            while (true) {
                JsonNode page = get("/v1/events?limit=100" + (after == null ? "" : "&starting_after=" + after));
                page.get("data").forEach(events::add);
                if (!page.get("has_more").asBoolean()) {
                    return events;
                }
                after = events.get(events.size() - 1).get("id").asText();
            }
        }

        private JsonNode get(String path) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stripe.baseUrl() + path))
                        .header("Authorization", "Bearer " + DemoSandbox.STRIPE_KEY).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return SystemUnderTest.JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            senders.shutdownNow();
        }
    }
}
