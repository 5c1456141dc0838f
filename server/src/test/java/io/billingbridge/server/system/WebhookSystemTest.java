package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static io.billingbridge.server.system.SystemFixtures.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.clerk.DevMembership;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks from the Stripe emulator and the Clerk dev instance: processed, deduplicated, order-independent, and
 * refused when forged or stale. A second emulator endpoint with the server's secret captures the exact signed
 * deliveries, so the tests can replay them.
 */
class WebhookSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static SystemUnderTest system;
    private static HttpServer capture;
    private static final List<Captured> captured = new CopyOnWriteArrayList<>();

    /** One signed delivery as the emulator sent it. */
    private record Captured(String eventId, String type, String body, String signature) {
    }

    @BeforeAll
    static void start() throws IOException {
        system = SystemUnderTest.start(1);
        capture = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        capture.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode event = SystemUnderTest.JSON.readTree(body);
            captured.add(new Captured(event.get("id").asText(), event.get("type").asText(), body,
                    exchange.getRequestHeaders().getFirst("Stripe-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        capture.start();
        system.sandbox().stripe().addWebhookEndpoint("http://127.0.0.1:" + capture.getAddress().getPort() + "/",
                io.billingbridge.sandbox.DemoSandbox.STRIPE_WEBHOOK_SECRET);
    }

    @AfterAll
    static void stop() {
        capture.stop(0);
        system.close();
    }

    private static Reply postStripe(String body, String signature) {
        return system.call("POST", "/v1/webhooks/stripe").header("Stripe-Signature", signature)
                .bytes(body.getBytes(StandardCharsets.UTF_8), "application/json").send();
    }

    private static long recorded(String source, String eventId) {
        return system.count("SELECT count(*) FROM webhook_events WHERE source = '" + source + "' AND event_id = '"
                + eventId + "'");
    }

    private static boolean processed(String source, String eventId) {
        return system.count("SELECT count(*) FROM webhook_events WHERE source = '" + source + "' AND event_id = '"
                + eventId + "' AND status = 'processed'") == 1;
    }

    /** Buys a price for the user and pays it; returns the checkout session id. */
    private static String buy(String userId, Optional<String> org, String owner, String price) {
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(userId, org))
                .json(checkoutBody(owner, price, "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        return session;
    }

    private static String customerOf(String ownerType, String ownerId) {
        List<com.stripe.model.Customer> customers = SystemFixtures.customersOf(system, ownerType, ownerId);
        assertThat(customers).hasSize(1);
        return customers.get(0).getId();
    }

    private static List<Captured> capturedFor(String customer) {
        return captured.stream().filter(c -> c.body().contains(customer)).toList();
    }

    private static String withEventId(String body, String from, String to) {
        assertThat(body).contains("\"" + from + "\"");
        return body.replace("\"" + from + "\"", "\"" + to + "\"");
    }

    @Test
    void stripeEventsAreProcessedAndARedeliveredEventIsAcknowledgedAsADuplicateAndRecordedOnce() {
        String user = system.newUser("user_webhook_dup", "Dupe");
        buy(user, Optional.empty(), "user", "pro_monthly");
        String customer = customerOf("user", user);

        SystemUnderTest.await("the checkout's events to reach the capture endpoint", PROCESSING,
                () -> capturedFor(customer).stream().anyMatch(c -> c.type().equals("checkout.session.completed")));
        Captured completed = capturedFor(customer).stream().filter(c -> c.type().equals("checkout.session.completed"))
                .findFirst().orElseThrow();
        SystemUnderTest.await("the server to process " + completed.eventId(), PROCESSING,
                () -> processed("stripe", completed.eventId()));
        SystemUnderTest.await("the snapshot to show the subscription", PROCESSING,
                () -> system.count("SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer
                        + "' AND jsonb_array_length(snapshot->'subscriptions') = 1") == 1);

        for (int i = 0; i < 5; i++) {
            Reply again = postStripe(completed.body(), completed.signature());
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        }
        assertThat(recorded("stripe", completed.eventId())).isEqualTo(1);
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id = '" + completed.eventId()
                + "' AND attempts = 1")).as("processed once").isEqualTo(1);
    }

    @Test
    void signedEventsPostedInShuffledOrderEndInTheRightState() throws StripeException {
        String user = system.newUser("user_webhook_shuffle", "Shuffle");
        String session = buy(user, Optional.empty(), "user", "pro_monthly");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(user, Optional.empty())).send();
        assertThat(synced.json().get("subscriptions").get(0).get("status").asText()).isEqualTo("active");

        String customer = customerOf("user", user);
        SystemUnderTest.await("the checkout's deliveries to be processed", PROCESSING, () ->
                system.sandbox().stripe().webhookDeliveries().stream().noneMatch(d -> d.state().equals("pending"))
                        && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer
                                + "' AND status <> 'processed'") == 0);
        StripeClient stripe = SystemFixtures.stripe(system);
        WebhookEndpoint server = stripe.v1().webhookEndpoints().list().getData().stream()
                .filter(e -> e.getUrl().startsWith(system.baseUrl(0))).findFirst().orElseThrow();
        stripe.v1().webhookEndpoints().update(server.getId(), WebhookEndpointUpdateParams.builder().setDisabled(true)
                .build());
        int before = captured.size();
        try {
            Subscription subscription = stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                    .setCustomer(customer).build()).getData().get(0);
            stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                    .setCancelAtPeriodEnd(true).build());
            stripe.v1().subscriptions().cancel(subscription.getId());
            SystemUnderTest.await("the cancellation to be captured", PROCESSING, () -> captured.stream().skip(before)
                    .anyMatch(c -> c.type().equals("customer.subscription.deleted")));
        } finally {
            stripe.v1().webhookEndpoints().update(server.getId(), WebhookEndpointUpdateParams.builder()
                    .setDisabled(false).build());
        }
        Reply stale = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty()))
                .send();
        assertThat(stale.json().get("subscriptions").get(0).get("status").asText())
                .as("without the webhooks the snapshot still says active").isEqualTo("active");

        List<Captured> batch = new ArrayList<>(capturedFor(customer));
        assertThat(batch).extracting(Captured::type).contains("customer.subscription.updated",
                "customer.subscription.deleted", "checkout.session.completed");
        Collections.shuffle(batch, new Random(5));
        Collections.reverse(batch.subList(0, batch.size() / 2));
        for (Captured event : batch) {
            Reply reply = postStripe(event.body(), event.signature());
            assertThat(reply.status()).as(event.type() + ": " + reply.body()).isEqualTo(200);
        }
        for (Captured event : batch) {
            SystemUnderTest.await("the server to process " + event.type(), PROCESSING,
                    () -> processed("stripe", event.eventId()));
            assertThat(recorded("stripe", event.eventId())).isEqualTo(1);
        }
        SystemUnderTest.await("the snapshot to show the cancellation", PROCESSING, () -> {
            JsonNode view = system.call("GET", "/v1/billing/customer?owner=user")
                    .bearer(system.token(user, Optional.empty())).send().json();
            return view.get("subscriptions").get(0).get("status").asText().equals("canceled");
        });
        JsonNode view = system.call("GET", "/v1/billing/customer?owner=user")
                .bearer(system.token(user, Optional.empty())).send().json();
        assertThat(view.get("subscriptions")).hasSize(1);
        assertThat(view.get("entitlements")).isEmpty();
    }

    @Test
    void aForgedStripeSignatureIsRefusedAndNothingIsRecorded() {
        String user = system.newUser("user_webhook_forged", "Forged");
        buy(user, Optional.empty(), "user", "credits_100");
        String customer = customerOf("user", user);
        SystemUnderTest.await("an event to be captured", PROCESSING, () -> !capturedFor(customer).isEmpty());
        Captured genuine = capturedFor(customer).get(0);
        String body = withEventId(genuine.body(), genuine.eventId(), "evt_forged_delivery_1");
        long now = Instant.now().getEpochSecond();
        String otherSecret;
        try {
            otherSecret = com.stripe.net.Webhook.Util.computeHmacSha256("whsec_not_ours", now + "." + body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }

        assertError(postStripe(body, "t=" + now + ",v1=" + otherSecret), 400, "invalid_signature");
        assertError(postStripe(body, genuine.signature()), 400, "invalid_signature");
        assertError(postStripe(body, "t=" + now + ",v1=" + "00".repeat(32)), 400, "invalid_signature");
        assertError(postStripe(body, "garbage"), 400, "invalid_signature");
        assertError(system.call("POST", "/v1/webhooks/stripe").bytes(SystemFixtures.utf8(body), "application/json")
                .send(), 400, "invalid_signature");

        assertThat(recorded("stripe", "evt_forged_delivery_1")).isZero();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE received_at > now() - interval '1 minute'"
                + " AND event_id LIKE 'evt_forged%'")).isZero();
    }

    @Test
    void aStaleSignatureIsRefusedAndNothingIsRecordedWhileAFreshOneOfTheSameBodyIsAccepted() {
        String user = system.newUser("user_webhook_stale", "Stale");
        buy(user, Optional.empty(), "user", "credits_100");
        String customer = customerOf("user", user);
        SystemUnderTest.await("an event to be captured", PROCESSING, () -> !capturedFor(customer).isEmpty());
        Captured genuine = capturedFor(customer).get(0);
        String body = withEventId(genuine.body(), genuine.eventId(), "evt_replayed_late_1");
        long now = Instant.now().getEpochSecond();

        assertError(postStripe(body, stripeSignature(now - 301, body)), 400, "invalid_signature");
        assertError(postStripe(body, stripeSignature(now - 3600, body)), 400, "invalid_signature");
        assertThat(recorded("stripe", "evt_replayed_late_1")).isZero();

        Reply fresh = postStripe(body, stripeSignature(now, body));
        assertThat(fresh.status()).as("control: the same body signed now: %s", fresh.body()).isEqualTo(200);
        assertThat(recorded("stripe", "evt_replayed_late_1")).isEqualTo(1);
    }

    @Test
    void aSignedDeliveryPostedFiveTimesConcurrentlyIsRecordedOnce() throws Exception {
        String user = system.newUser("user_webhook_parallel", "Parallel");
        buy(user, Optional.empty(), "user", "credits_100");
        String customer = customerOf("user", user);
        SystemUnderTest.await("an event to be captured", PROCESSING, () -> !capturedFor(customer).isEmpty());
        Captured genuine = capturedFor(customer).get(0);
        String body = withEventId(genuine.body(), genuine.eventId(), "evt_parallel_delivery_1");
        String signature = stripeSignature(Instant.now().getEpochSecond(), body);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        List<Reply> replies = new ArrayList<>();
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return postStripe(body, signature);
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Reply> future : futures) {
                replies.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(replies).hasSize(5).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(replies).filteredOn(r -> !r.json().get("duplicate").asBoolean()).hasSize(1);
        assertThat(recorded("stripe", "evt_parallel_delivery_1")).isEqualTo(1);
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIsRefusedWithoutBeingRecorded() {
        long now = Instant.now().getEpochSecond();
        for (String body : List.of("not json", "{}", "[]", "{\"id\":\"evt_no_type_1\",\"object\":\"event\"}",
                "{\"id\":\"evt_no_object_1\",\"object\":\"event\",\"type\":\"customer.updated\"}")) {
            Reply reply = postStripe(body, stripeSignature(now, body));
            assertError(reply, 400, null);
        }
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id IN ('evt_no_type_1',"
                + " 'evt_no_object_1')")).isZero();
    }

    private static Reply postClerk(String id, String body) {
        String now = Long.toString(Instant.now().getEpochSecond());
        return system.call("POST", "/v1/webhooks/clerk").header("svix-id", id).header("svix-timestamp", now)
                .header("svix-signature", "v1," + SystemFixtures.svixSignature(system, id, now, body))
                .bytes(SystemFixtures.utf8(body), "application/json").send();
    }

    @Test
    void aSignedButAbnormalDeliveryIsA400InvalidPayloadAndNothingIsRecorded() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String stripeEvent = "{\"id\":\"%s\",\"object\":\"event\",\"created\":" + Instant.now().getEpochSecond()
                + ",\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"cus_abnormal\","
                + "\"object\":\"customer\",\"metadata\":{\"x\":%s}}}}";
        String deepStripe = stripeEvent.formatted("evt_abnormal_deep_1", deep);
        String longStripe = stripeEvent.formatted("evt_abnormal_long_" + "x".repeat(238), "[]");
        long now = Instant.now().getEpochSecond();
        assertError(postStripe(deepStripe, stripeSignature(now, deepStripe)), 400, "invalid_payload");
        assertError(postStripe(longStripe, stripeSignature(now, longStripe)), 400, "invalid_payload");

        String userDeleted = "{\"type\":\"user.deleted\",\"object\":\"event\",\"data\":{\"id\":\"user_abnormal\","
                + "\"object\":\"user\",\"deleted\":true,\"x\":%s}}";
        assertError(postClerk("msg_abnormal_long_" + "x".repeat(238), userDeleted.formatted("[]")), 400,
                "invalid_payload");
        assertError(postClerk("msg_abnormal_deep_1", userDeleted.formatted(deep)), 400, "invalid_payload");

        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_abnormal_%'"
                + " OR event_id LIKE 'msg_abnormal_%'")).isZero();
    }

    @Test
    void aStaleOrMalformedClerkDeliveryIsRefusedWithoutBeingRecorded() {
        String body = "{\"data\":{\"id\":\"user_webhook_ghost\",\"object\":\"user\",\"deleted\":true},"
                + "\"object\":\"event\",\"type\":\"user.deleted\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"instance_id\":\"ins_billingbridge_dev\"}";
        String stale = Long.toString(Instant.now().getEpochSecond() - 600);
        Reply late = system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_stale_clerk_1")
                .header("svix-timestamp", stale)
                .header("svix-signature",
                        "v1," + SystemFixtures.svixSignature(system, "msg_stale_clerk_1", stale, body))
                .bytes(SystemFixtures.utf8(body), "application/json").send();
        assertError(late, 400, null);

        String now = Long.toString(Instant.now().getEpochSecond());
        for (String garbage : List.of("not json", "{}", "{\"type\":\"user.deleted\"}")) {
            Reply reply = system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_garbage_clerk_1")
                    .header("svix-timestamp", now)
                    .header("svix-signature",
                            "v1," + SystemFixtures.svixSignature(system, "msg_garbage_clerk_1", now, garbage))
                    .bytes(SystemFixtures.utf8(garbage), "application/json").send();
            assertError(reply, 400, null);
        }
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id IN ('msg_stale_clerk_1',"
                + " 'msg_garbage_clerk_1')")).isZero();
    }

    @Test
    void aClerkUserUpdateRenamesTheStripeCustomer() throws StripeException {
        String user = system.newUser("user_webhook_rename", "Erin");
        Reply portal = system.call("POST", "/v1/billing/portal-sessions").bearer(system.token(user, Optional.empty()))
                .json(SystemFixtures.portalBody("user", "")).send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        String customer = customerOf("user", user);
        StripeClient stripe = SystemFixtures.stripe(system);
        assertThat(stripe.v1().customers().retrieve(customer).getName()).isEqualTo("Erin Tester");

        system.sandbox().clerk().updateUser(system.sandbox().clerk().user(user).orElseThrow()
                .withName("Erin", "Renamed").withEmail("erin.renamed@example.test"));

        SystemUnderTest.await("the customer to be renamed", PROCESSING, () -> {
            try {
                return "Erin Renamed".equals(stripe.v1().customers().retrieve(customer).getName());
            } catch (StripeException e) {
                return false;
            }
        });
        assertThat(stripe.v1().customers().retrieve(customer).getEmail()).isEqualTo("erin.renamed@example.test");
        assertThat(system.sandbox().clerk().webhookDeliveries()).anyMatch(d -> d.type().equals("user.updated")
                && d.status() == 200);
    }

    @Test
    void aForgedSvixSignatureIsRefusedAndNothingIsRecorded() {
        String body = "{\"type\":\"user.updated\",\"object\":\"event\",\"data\":{\"id\":\"" + ClerkDevInstance.CAROL
                + "\",\"first_name\":\"Mallory\"}}";
        String now = Long.toString(Instant.now().getEpochSecond());
        String forged = Base64.getEncoder().encodeToString(new byte[32]);

        Reply reply = system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_forged_1")
                .header("svix-timestamp", now).header("svix-signature", "v1," + forged)
                .bytes(SystemFixtures.utf8(body), "application/json").send();
        assertError(reply, 400, null);
        Reply unsigned = system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_forged_2")
                .header("svix-timestamp", now).bytes(SystemFixtures.utf8(body), "application/json").send();
        assertError(unsigned, 400, null);

        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'clerk' AND event_id LIKE "
                + "'msg_forged%'")).isZero();
    }

    @Test
    void aGenuinelySignedClerkDeliveryRepeatedFiveTimesIsRecordedOnce() {
        String body = "{\"data\":{\"id\":\"user_webhook_ghost\",\"object\":\"user\",\"deleted\":true},"
                + "\"object\":\"event\",\"type\":\"user.deleted\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"instance_id\":\"ins_billingbridge_dev\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = "v1," + SystemFixtures.svixSignature(system, "msg_replayed_clerk_1", timestamp, body);

        for (int i = 0; i < 6; i++) {
            Reply reply = system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_replayed_clerk_1")
                    .header("svix-timestamp", timestamp).header("svix-signature", signature)
                    .bytes(SystemFixtures.utf8(body), "application/json").send();
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("duplicate").asBoolean()).as("delivery %d", i + 1).isEqualTo(i > 0);
        }
        assertThat(recorded("clerk", "msg_replayed_clerk_1")).isEqualTo(1);
        SystemUnderTest.await("the event to be processed", PROCESSING, () -> processed("clerk", "msg_replayed_clerk_1"));
    }

    @Test
    void aBurstOfMembershipEventsUpdatesTheSeatQuantityOnceAndLaterChangesEachReachStripe() throws StripeException {
        String admin = system.newUser("user_webhook_frank", "Frank");
        String gina = system.newUser("user_webhook_gina", "Gina");
        String hank = system.newUser("user_webhook_hank", "Hank");
        system.sandbox().clerk().createOrganization("org_webhook_initech", "Initech", "initech", admin);
        String session = buy(admin, Optional.of("org_webhook_initech"), "organization", "team_monthly");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(admin, Optional.of("org_webhook_initech"))).send();
        assertThat(synced.json().get("subscriptions").get(0).get("items").get(0).get("quantity").asLong()).isEqualTo(1);
        String customer = customerOf("organization", "org_webhook_initech");
        StripeClient stripe = SystemFixtures.stripe(system);
        String subscription = stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer)
                .build()).getData().get(0).getId();
        SystemUnderTest.await("the admin's membership event to be processed", PROCESSING,
                () -> membershipEvents("org_webhook_initech", "processed") == 1
                        && system.count("SELECT count(*) FROM webhook_events WHERE source = 'clerk' "
                        + "AND work_key = 'org_webhook_initech' AND status <> 'processed'") == 0);
        long updatesBefore = seatUpdates(subscription);
        long changesBefore = SystemFixtures.itemChanges(stripe, subscription);

        // Both members join before the worker sees either event, as in a burst; each event is then processed in a
        // run of its own, so only the sync's read of the current quantity keeps the second from updating again.
        holdClerkEventsOf("org_webhook_initech");
        try {
            system.sandbox().clerk().addMembership("org_webhook_initech", gina, DevMembership.MEMBER);
            system.sandbox().clerk().addMembership("org_webhook_initech", hank, DevMembership.MEMBER);
            SystemUnderTest.await("both new members' events to be recorded and held", PROCESSING,
                    () -> membershipEvents("org_webhook_initech", "pending") == 2);
        } finally {
            stopHoldingClerkEvents();
        }
        for (int released = 1; released <= 2; released++) {
            system.execute("UPDATE webhook_events SET next_attempt_at = now() WHERE (source, event_id) = ("
                    + "SELECT source, event_id FROM webhook_events WHERE source = 'clerk' "
                    + "AND work_key = 'org_webhook_initech' AND status = 'pending' "
                    + "ORDER BY received_at, event_id LIMIT 1)");
            long processedNow = 1 + released;
            SystemUnderTest.await("held event " + released + " to be processed", PROCESSING,
                    () -> membershipEvents("org_webhook_initech", "processed") == processedNow);
        }

        assertThat(stripe.v1().subscriptions().retrieve(subscription).getItems().getData().get(0).getQuantity())
                .isEqualTo(3L);
        assertThat(seatUpdates(subscription) - updatesBefore)
                .as("quantity updates sent to Stripe for two membership events with one count to reach").isEqualTo(1);
        assertThat(SystemFixtures.itemChanges(stripe, subscription) - changesBefore).as("changes Stripe recorded").isEqualTo(1);
        SystemUnderTest.await("the snapshot to show 3 seats", PROCESSING, () -> system.call("GET",
                "/v1/billing/customer?owner=organization").bearer(system.token(admin, Optional.of("org_webhook_initech")))
                .send().json().get("subscriptions").get(0).get("items").get(0).get("quantity").asLong() == 3);

        system.sandbox().clerk().removeMembership("org_webhook_initech", hank);
        awaitSeats(stripe, subscription, 2);

        // The same changes again within a day: each must reach Stripe, not be replayed from an idempotency key.
        system.sandbox().clerk().addMembership("org_webhook_initech", hank, DevMembership.MEMBER);
        awaitSeats(stripe, subscription, 3);
        system.sandbox().clerk().removeMembership("org_webhook_initech", hank);
        awaitSeats(stripe, subscription, 2);

        // Archiving the seat price stops new sales, not seat syncing for those already subscribed to it.
        String price = stripe.v1().subscriptions().retrieve(subscription).getItems().getData().get(0).getPrice().getId();
        stripe.v1().prices().update(price, com.stripe.param.PriceUpdateParams.builder().setActive(false).build());
        try {
            system.sandbox().clerk().addMembership("org_webhook_initech", hank, DevMembership.MEMBER);
            awaitSeats(stripe, subscription, 3);
        } finally {
            // The system is shared by this class's tests, which still sell this price.
            stripe.v1().prices().update(price, com.stripe.param.PriceUpdateParams.builder().setActive(true).build());
            SystemUnderTest.await("the seat price to be on sale again", PROCESSING, () -> system
                    .call("GET", "/v1/billing/prices?owner=organization")
                    .bearer(system.token(admin, Optional.of("org_webhook_initech"))).send().body().contains("team_monthly"));
        }
    }

    private static long membershipEvents(String organization, String status) {
        return system.count("SELECT count(*) FROM webhook_events WHERE source = 'clerk' "
                + "AND type LIKE 'organizationMembership.%' AND work_key = '" + organization + "' "
                + "AND status = '" + status + "'");
    }

    /** Until {@link #stopHoldingClerkEvents}, the organization's Clerk events are recorded but not yet due. */
    private static void holdClerkEventsOf(String organization) {
        system.execute("CREATE FUNCTION hold_clerk_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "NEW.next_attempt_at := now() + interval '1 hour'; RETURN NEW; END $$");
        system.execute("CREATE TRIGGER hold_clerk_events BEFORE INSERT ON webhook_events FOR EACH ROW "
                + "WHEN (NEW.source = 'clerk' AND NEW.work_key = '" + organization + "') "
                + "EXECUTE FUNCTION hold_clerk_events()");
    }

    private static void stopHoldingClerkEvents() {
        system.execute("DROP TRIGGER IF EXISTS hold_clerk_events ON webhook_events");
        system.execute("DROP FUNCTION IF EXISTS hold_clerk_events()");
    }

    /** Quantity updates sent to Stripe: the budget records each one just before it is sent. */
    private static long seatUpdates(String subscription) {
        return system.count("SELECT count(*) FROM seat_updates WHERE subscription_id = '" + subscription + "'");
    }

    private static void awaitSeats(StripeClient stripe, String subscription, long seats) {
        SystemUnderTest.await("the seat count to be " + seats, PROCESSING, () -> {
            try {
                return stripe.v1().subscriptions().retrieve(subscription).getItems().getData().get(0)
                        .getQuantity() == seats;
            } catch (StripeException e) {
                return false;
            }
        });
    }

    @Test
    void anOrganizationRenameRenamesItsCustomerWhoseEmailIsTheFirstAdmins() throws StripeException {
        String admin = system.newUser("user_webhook_olga", "Olga");
        system.sandbox().clerk().createOrganization("org_webhook_umbrella", "Umbrella", "umbrella", admin);
        Reply portal = system.call("POST", "/v1/billing/portal-sessions")
                .bearer(system.token(admin, Optional.of("org_webhook_umbrella")))
                .json(SystemFixtures.portalBody("organization", "")).send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        String customer = customerOf("organization", "org_webhook_umbrella");
        StripeClient stripe = SystemFixtures.stripe(system);
        assertThat(stripe.v1().customers().retrieve(customer).getName()).isEqualTo("Umbrella");
        assertThat(stripe.v1().customers().retrieve(customer).getEmail()).isEqualTo("webhook_olga@example.test");

        system.sandbox().clerk().updateOrganization(system.sandbox().clerk().organization("org_webhook_umbrella")
                .orElseThrow().withName("Umbrella Corporation", "umbrella-corp"));

        SystemUnderTest.await("the organization's customer to be renamed", PROCESSING, () -> {
            try {
                return "Umbrella Corporation".equals(stripe.v1().customers().retrieve(customer).getName());
            } catch (StripeException e) {
                return false;
            }
        });
        assertThat(SystemFixtures.customersOf(system, "organization", "org_webhook_umbrella")).hasSize(1);
    }

    @Test
    void deletedUsersAndOrganizationsKeepTheirCustomerAndSubscriptionsByDefault() throws StripeException {
        String user = system.newUser("user_webhook_leaving", "Leaving");
        system.sandbox().clerk().createOrganization("org_webhook_gone", "Gone Inc", "gone", user);
        buy(user, Optional.empty(), "user", "pro_monthly");
        buy(user, Optional.of("org_webhook_gone"), "organization", "team_monthly");
        String userCustomer = customerOf("user", user);
        String orgCustomer = customerOf("organization", "org_webhook_gone");

        system.sandbox().clerk().deleteOrganization("org_webhook_gone");
        system.sandbox().clerk().deleteUser(user);

        SystemUnderTest.await("both accounts to be marked deleted", PROCESSING, () -> system.count(
                "SELECT count(*) FROM billing_accounts WHERE owner_id IN ('" + user + "', 'org_webhook_gone')"
                        + " AND sync_state = 'deleted'") == 2);
        StripeClient stripe = SystemFixtures.stripe(system);
        for (String customer : List.of(userCustomer, orgCustomer)) {
            assertThat(stripe.v1().customers().retrieve(customer).getDeleted()).as(customer).isNotEqualTo(Boolean.TRUE);
            List<Subscription> subscriptions = stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                    .setCustomer(customer).build()).getData();
            assertThat(subscriptions).hasSize(1);
            assertThat(subscriptions.get(0).getStatus()).isIn("active", "trialing");
            assertThat(subscriptions.get(0).getCancelAtPeriodEnd()).isFalse();
        }
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE customer_id IN ('" + userCustomer + "', '"
                + orgCustomer + "')")).as("the mapping is kept").isEqualTo(2);
    }
}
