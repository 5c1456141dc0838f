package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.server.EventsSection;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events to the application over real HTTP: two server instances deliver {@code billing.updated} to a receiver in
 * this test, which answers as it is told (500, no answer in time, slowly); signatures are checked by the
 * {@code standardwebhooks} npm package in {@code tools/standardwebhooks-verify}, an implementation independent of
 * ours. The endpoint's secret comes from the environment (server/pom.xml sets it for the tests).
 */
class EventsSystemTest {
    private static final String SECRET_VARIABLE = "BILLING_EVENTS_TEST_SECRET";
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Path VERIFIER = WebhookTools.DIRECTORY;

    private static Receiver receiver;
    private static SystemUnderTest system;

    /** One request the receiver got, and what it answered (0: it gave no answer in time). */
    record Delivery(Map<String, String> headers, String body, int answered) {
        String id() {
            return headers.get("webhook-id");
        }

        JsonNode json() {
            try {
                return SystemUnderTest.JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean concerns(String userId) {
            return json().at("/data/owner/id").asText().equals(userId);
        }
    }

    /** What the receiver does with the next request. */
    private sealed interface Answer {
    }

    private record Status(int status) implements Answer {
    }

    /** Holds the request until released, long after the sender's timeout. */
    private record NoAnswer() implements Answer {
    }

    /** An application's endpoint: answers scripted requests, then 204; notes how many requests are in flight. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(1);
        volatile Duration answerAfter = Duration.ZERO;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/billing-events", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/billing-events";
        }

        private void handle(HttpExchange exchange) throws IOException {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = Map.of(
                        "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                        "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                        "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                        "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("content-type")));
                Answer answer = Optional.ofNullable(script.poll()).orElse(new Status(204));
                if (answer instanceof NoAnswer) {
                    deliveries.add(new Delivery(headers, body, 0));
                    release.await(20, TimeUnit.SECONDS);
                    return;
                }
                // A slow receiver: the answer takes this long, so a second sender would overlap it.
                release.await(answerAfter.toMillis(), TimeUnit.MILLISECONDS);
                int status = ((Status) answer).status();
                deliveries.add(new Delivery(headers, body, status));
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        List<Delivery> of(String userId) {
            return deliveries.stream().filter(d -> d.concerns(userId)).toList();
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = new Receiver();
        system = SystemUnderTest.startConfigured(2, config -> {
            EventsSection events = config.getEvents();
            events.setTimeout(io.dropwizard.util.Duration.seconds(1));
            events.setEndpoints(List.of(new EventsSection.EndpointSection(receiver.url(), SECRET_VARIABLE,
                    List.of("billing.updated"))));
        });
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        receiver.close();
    }

    /** The user buys Pro monthly through instance {@code instance}'s API and the checkout is synced. */
    private static void buy(int instance, String userId) {
        system.newUser(userId, "Test");
        Reply created = system.call(instance, "POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(userId, Optional.empty()))
                .json(SystemFixtures.checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call(instance, "POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(userId, Optional.empty())).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
    }

    /** Waits until every event of the user is delivered, and there is one telling the user is active. */
    private static void awaitActiveDelivered(String userId) {
        SystemUnderTest.await("billing.updated (active) of " + userId + " delivered", DELIVERY, () ->
                system.count("SELECT count(*) FROM event_outbox WHERE owner_key = 'user:" + userId + "' "
                        + "AND delivered_at IS NULL") == 0
                        && receiver.of(userId).stream().anyMatch(d -> d.answered() == 204
                                && d.json().at("/data/new/state").asText().equals("active")));
    }

    @Test
    void anEventAnswered500IsDeliveredOnceAfterARetryUnderTheSameId() {
        receiver.script.add(new Status(500));

        buy(0, "user_events_500");
        awaitActiveDelivered("user_events_500");

        List<Delivery> deliveries = receiver.of("user_events_500");
        Delivery first = deliveries.get(0);
        assertThat(first.answered()).isEqualTo(500);
        List<Delivery> sameEvent = deliveries.stream().filter(d -> d.id().equals(first.id())).toList();
        assertThat(sameEvent).extracting(Delivery::answered).containsExactly(500, 204);
        assertThat(deliveries.stream().filter(d -> d.answered() == 204).collect(Collectors.groupingBy(Delivery::id,
                Collectors.counting()))).as("each event accepted once").allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(system.count("SELECT count(*) FROM event_outbox WHERE event_id = '" + first.id() + "' "
                + "AND attempts = 2 AND delivered_at IS NOT NULL AND last_error IS NULL")).isOne();
        assertThat(first.headers().get("content-type")).isEqualTo("application/json");
        assertThat(first.headers().get("webhook-signature")).startsWith("v1,");
    }

    @Test
    void aDeliveryTellsThePlanLevelViewAndNothingMore() {
        buy(1, "user_events_view");
        awaitActiveDelivered("user_events_view");

        List<Delivery> deliveries = receiver.of("user_events_view");
        JsonNode active = deliveries.stream().map(Delivery::json)
                .filter(j -> j.at("/data/new/state").asText().equals("active")).findFirst().orElseThrow();
        assertThat(active.get("type").asText()).isEqualTo("billing.updated");
        assertThat(active.at("/data/owner")).isEqualTo(SystemUnderTest.JSON.createObjectNode()
                .put("type", "user").put("id", "user_events_view"));
        assertThat(active.get("data").size()).isEqualTo(3);
        assertThat(active.at("/data/new").size()).isEqualTo(3);
        assertThat(active.at("/data/new/plan").isTextual()).isTrue();
        assertThat(active.at("/data/new/entitlements").isArray()).isTrue();
        assertThat(deliveries).allSatisfy(d -> assertThat(d.body()).doesNotContain("cus_", "sub_", "in_", "pm_",
                "http", "@"));
    }

    @Test
    void anEventWithoutAnAnswerInTimeIsRetried() {
        receiver.script.add(new NoAnswer());

        buy(0, "user_events_timeout");
        awaitActiveDelivered("user_events_timeout");

        List<Delivery> deliveries = receiver.of("user_events_timeout");
        Delivery first = deliveries.get(0);
        assertThat(first.answered()).isZero();
        assertThat(deliveries.stream().filter(d -> d.id().equals(first.id())).map(Delivery::answered).toList())
                .containsExactly(0, 204);
        assertThat(system.count("SELECT count(*) FROM event_outbox WHERE event_id = '" + first.id() + "' "
                + "AND attempts = 2 AND delivered_at IS NOT NULL")).isOne();
    }

    /**
     * A backlog that falls due bit by bit while a slow receiver answers: each instance's poll finds deliveries due
     * while the other is posting, so only the endpoint lease keeps the posts one at a time.
     */
    @Test
    void twoInstancesNeverPostToTheEndpointAtOnceNorTheSameEventTwice() {
        receiver.release.countDown();
        SystemUnderTest.await("no request in flight", DELIVERY, () -> receiver.inFlight.get() == 0);
        receiver.release = new CountDownLatch(1);
        receiver.answerAfter = Duration.ofMillis(300);
        receiver.mostInFlight.set(0);
        List<String> users = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String user = "user_events_c" + i;
                users.add(user);
                system.execute("INSERT INTO event_outbox (event_id, endpoint, type, owner_key, payload, created_at, "
                        + "next_attempt_at, retries_from) VALUES ('msg_backlog" + i + "', '" + receiver.url() + "', "
                        + "'billing.updated', 'user:" + user + "', '{\"type\": \"billing.updated\", \"data\": "
                        + "{\"owner\": {\"type\": \"user\", \"id\": \"" + user + "\"}, \"previous\": null, "
                        + "\"new\": {\"plan\": \"Pro\", \"state\": \"active\", \"entitlements\": []}}}', "
                        + "now(), now() + interval '" + (i * 150) + " milliseconds', now())");
            }
            SystemUnderTest.await("the backlog delivered", DELIVERY, () -> system.count(
                    "SELECT count(*) FROM event_outbox WHERE event_id LIKE 'msg_backlog%' AND delivered_at IS NULL")
                    == 0);
        } finally {
            receiver.answerAfter = Duration.ZERO;
        }

        assertThat(receiver.mostInFlight).as("requests in flight at once").hasValue(1);
        List<Delivery> theirs = receiver.deliveries.stream()
                .filter(d -> users.contains(d.json().at("/data/owner/id").asText())).toList();
        assertThat(theirs).extracting(Delivery::id).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void theStandardWebhooksReferenceLibraryVerifiesEveryDeliveryAndRefusesATamperedOne() throws Exception {
        // Skipped only where node is missing outside CI (WebhookTools: under CI a missing node fails the test).
        Assumptions.assumeTrue(WebhookTools.available("node"),
                "node is not installed: the independent check of signatures with the standardwebhooks npm package "
                        + "is skipped (install node 20 and npm to run it)");
        WebhookTools.installNodePackages();
        buy(1, "user_events_verified");
        awaitActiveDelivered("user_events_verified");
        List<Delivery> deliveries = new ArrayList<>(receiver.deliveries);

        Outcome verified = verify(deliveries);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains(deliveries.size() + " of " + deliveries.size() + " deliveries verified");

        Delivery genuine = deliveries.get(deliveries.size() - 1);
        Delivery tampered = new Delivery(genuine.headers(), genuine.body().replace("active", "trialing"),
                genuine.answered());
        Outcome refused = verify(List.of(genuine, tampered));
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("1 of 2 deliveries verified", "FAILED " + genuine.id());
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome verify(List<Delivery> deliveries) throws Exception {
        ArrayNode recorded = SystemUnderTest.JSON.createArrayNode();
        for (Delivery delivery : deliveries) {
            ObjectNode entry = recorded.addObject();
            ObjectNode headers = entry.putObject("headers");
            headers.put("webhook-id", delivery.headers().get("webhook-id"));
            headers.put("webhook-timestamp", delivery.headers().get("webhook-timestamp"));
            headers.put("webhook-signature", delivery.headers().get("webhook-signature"));
            entry.put("body", delivery.body());
        }
        Path file = Files.createTempFile("deliveries", ".json");
        try {
            Files.writeString(file, recorded.toString());
            return run(List.of("node", "verify.mjs", file.toString()),
                    Map.of("WEBHOOK_SECRET", System.getenv(SECRET_VARIABLE)));
        } finally {
            Files.delete(file);
        }
    }

    private static Outcome run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(VERIFIER.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Outcome(process.exitValue(), output);
    }
}
