package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults injected in the Stripe emulator: no duplicate customer, a clean 503 while down, no lost webhook event;
 * Stripe's rate limits and ours over HTTP.
 */
class FaultsSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    /** The per-user session bucket: the default burst, refilled so slowly that no token comes back during a run. */
    private static final int SESSION_BURST = 10;
    /** More failures than any retrying can use up while a test runs: Stripe "stays down". */
    private static final int DOWN = 100_000;
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1, billing -> {
            try {
                SystemUnderTest.JSON.readerForUpdating(billing).readValue("{\"sessionBurst\": " + SESSION_BURST
                        + ", \"sessionRefillEvery\": \"1 hour\"}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        stripe = system.sandbox().stripe();
        SystemFixtures.warmCatalog(system);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @AfterEach
    void stripeIsBack() {
        stripe.clearFaults();
    }

    private static Reply checkout(String user, String price) {
        return system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(user, Optional.empty()))
                .json(checkoutBody("user", price, "")).send();
    }

    private static void assertExactlyOneCustomer(String user) {
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = 'user' AND owner_id = '"
                + user + "' AND customer_id IS NOT NULL")).as("billing_accounts rows of " + user).isEqualTo(1);
        assertThat(SystemFixtures.customersOf(system, "user", user)).as("emulator customers of " + user).hasSize(1);
    }

    /** Retries the checkout (as a client would, honouring Retry-After being irrelevant here) until Stripe answers. */
    private static Reply checkoutUntilCreated(String user, Reply first) {
        Reply reply = first;
        for (int attempt = 0; attempt < 3 && reply.status() != 201; attempt++) {
            assertThat(reply.status()).as(reply.body()).isIn(201, 503);
            stripe.clearFaults();
            reply = checkout(user, "pro_monthly");
        }
        return reply;
    }

    @Test
    void firstCheckoutThroughTransient500sMakesExactlyOneCustomer() {
        String user = system.newUser("user_fault_500", "Fault");
        stripe.failNextRequests(2, 500);

        Reply reply = checkout(user, "pro_monthly");

        assertThat(reply.status()).as("stripe-java retries transient 500s: %s", reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void firstCheckoutThrough429sMakesExactlyOneCustomer() {
        String user = system.newUser("user_fault_429", "Fault");
        stripe.failNextRequests(3, 429);

        Reply reply = checkoutUntilCreated(user, checkout(user, "pro_monthly"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void firstCheckoutThroughLatencyMakesExactlyOneCustomer() {
        String user = system.newUser("user_fault_slow", "Fault");
        stripe.addLatency(Duration.ofMillis(400), 4);

        Reply reply = checkout(user, "pro_monthly");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void aCustomerLeftInStripeByACrashBeforeItsRowWasLinkedIsAdoptedNotDuplicated() throws StripeException {
        String user = system.newUser("user_fault_orphan", "Fault");
        String orphan = SystemFixtures.stripe(system).v1().customers().create(CustomerCreateParams.builder()
                .setName("Created before a crash").putMetadata("clerk_owner_type", "user")
                .putMetadata("clerk_owner_id", user).build()).getId();

        Reply reply = checkout(user, "pro_monthly");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = '" + user
                + "' AND customer_id = '" + orphan + "'")).isEqualTo(1);
        assertThat(SystemFixtures.stripe(system).v1().customers().retrieve(orphan).getName())
                .as("the adopted customer gets the owner's profile").isEqualTo("Fault Tester");
    }

    @Test
    void stripeStayingDownIsA503WithRetryAfterAndARetryLaterMakesOneCustomer() {
        String user = system.newUser("user_fault_down", "Fault");
        stripe.failNextRequests(DOWN, 500);

        Reply down = checkout(user, "pro_monthly");

        assertError(down, 503, null);
        assertThat(down.json().get("error").get("type").asText()).isEqualTo("api_error");
        assertThat(down.headers().firstValue("Retry-After")).isPresent()
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(down.body()).doesNotContain("cus_", "stripe.com", "500");

        Reply portalDown = system.call("POST", "/v1/billing/portal-sessions").bearer(system.token(user,
                Optional.empty())).json(SystemFixtures.portalBody("user", "")).send();
        assertError(portalDown, 503, null);

        stripe.clearFaults();
        assertThat(SystemFixtures.customersOf(system, "user", user)).as("nothing created while Stripe was down")
                .isEmpty();
        Reply again = checkout(user, "pro_monthly");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void readsThatNeedStripeWhileItIsDownAre503WithRetryAfter() {
        String user = system.newUser("user_fault_nosnapshot", "Fault");
        Reply plan = checkout(user, "pro_monthly");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String session = plan.json().get("id").asText();
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        // customer.created makes the worker sync a first snapshot in the background; let it finish, then remove
        // the snapshot, so the read below certainly finds none and must ask Stripe.
        SystemUnderTest.await("customer.created to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0
                && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > 0);
        system.execute("DELETE FROM customer_snapshots WHERE customer_id = '" + customer + "'");

        stripe.failNextRequests(DOWN, 500);
        Reply read = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty()))
                .send();
        assertError(read, 503, null);
        assertThat(read.headers().firstValue("Retry-After")).isPresent();
        Reply sync = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(user, Optional.empty())).send();
        assertError(sync, 503, null);
        assertThat(sync.headers().firstValue("Retry-After")).isPresent();

        stripe.clearFaults();
        Reply back = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty()))
                .send();
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("stale").asBoolean()).isFalse();
    }

    @Test
    void webhookEventsThatFailedWhileStripeWasDownAreRetriedAndNoneIsLost() {
        String user = system.newUser("user_fault_events", "Fault");
        Reply created = checkout(user, "pro_monthly");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        SystemUnderTest.await("customer.created to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0);

        stripe.failNextRequests(DOWN, 500);
        stripe.completeCheckout(created.json().get("id").asText(), "4242424242424242");
        SystemUnderTest.await("an event's processing to fail while Stripe is down", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status = 'failed'"
                        + " AND attempts >= 1") >= 1);
        long failed = system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer
                + "' AND status = 'failed'");
        stripe.clearFaults();

        SystemUnderTest.await("every event of the customer to end processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0);
        assertThat(failed).isPositive();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer
                + "' AND status = 'processed' AND attempts >= 2")).as("retried events").isPositive();
        java.util.List<String> acknowledged = stripe.webhookDeliveries().stream().filter(d -> d.lastStatus() == 200)
                .map(d -> d.eventId()).distinct().toList();
        assertThat(acknowledged).isNotEmpty();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND event_id IN ('"
                + String.join("', '", acknowledged) + "')")).as("every event the server acknowledged is in the ledger")
                .isEqualTo(acknowledged.size());
        JsonNode view = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user,
                Optional.empty())).send().json();
        assertThat(view.get("subscriptions")).hasSize(1);
        assertThat(view.get("subscriptions").get(0).get("status").asText()).isEqualTo("active");
        assertThat(view.get("stale").asBoolean()).isFalse();
    }

    @Test
    void aDirtySnapshotIsServedMarkedStaleWhileStripeIsDown() {
        String user = system.newUser("user_fault_stale", "Fault");
        Reply plan = checkout(user, "pro_monthly");
        stripe.completeCheckout(plan.json().get("id").asText(), "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + plan.json().get("id").asText() + "/sync")
                .bearer(system.token(user, Optional.empty())).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        String customer = synced.json().get("customer").asText();
        SystemUnderTest.await("the checkout's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0);
        Reply credits = checkout(user, "credits_100");
        assertThat(credits.status()).as(credits.body()).isEqualTo(201);

        stripe.failNextRequests(DOWN, 500);
        stripe.completeCheckout(credits.json().get("id").asText(), "4242424242424242");
        SystemUnderTest.await("an event to mark the snapshot dirty", PROCESSING, () -> system.count(
                "SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer + "' AND dirty") == 1);

        Reply stale = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user,
                Optional.empty())).send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(200);
        assertThat(stale.json().get("stale").asBoolean()).isTrue();
        assertThat(stale.json().get("customer").asText()).isEqualTo(customer);
        assertThat(stale.json().get("subscriptions")).hasSize(1);

        stripe.clearFaults();
        SystemUnderTest.await("a fresh read once Stripe is back", PROCESSING, () -> !system.call("GET",
                "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty())).send().json()
                .get("stale").asBoolean());
    }

    private static Reply portal(String user) {
        return system.call("POST", "/v1/billing/portal-sessions").bearer(system.token(user, Optional.empty()))
                .json(SystemFixtures.portalBody("user", "")).send();
    }

    private static void assertProviderUnavailable(Reply reply) {
        assertError(reply, 503, "provider_unavailable");
        assertThat(reply.json().get("error").get("type").asText()).isEqualTo("api_error");
        assertThat(reply.headers().firstValue("Retry-After")).as("Stripe sends none; ours is its default")
                .hasValue("5");
        assertThat(reply.body()).doesNotContain("cus_", "429", "Too many requests");
    }

    @Test
    void stripeRateLimitingCheckoutPortalOrAFirstReadIsA503WithRetryAfterWhileAStoredSnapshotIsServedStale() {
        String user = system.newUser("user_fault_stripe_429", "Fault");
        Reply plan = checkout(user, "pro_monthly");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        SystemUnderTest.await("customer.created to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0
                && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > 0);
        Reply fresh = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user,
                Optional.empty())).send();
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);

        stripe.failNextRequests(DOWN, 429);
        assertProviderUnavailable(checkout(user, "pro_monthly"));
        assertProviderUnavailable(portal(user));
        system.execute("UPDATE customer_snapshots SET dirty = true WHERE customer_id = '" + customer + "'");
        Reply stale = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user,
                Optional.empty())).send();
        assertThat(stale.status()).as("a 429 from Stripe is the provider being unavailable: %s", stale.body())
                .isEqualTo(200);
        assertThat(stale.json().get("stale").asBoolean()).isTrue();
        system.execute("DELETE FROM customer_snapshots WHERE customer_id = '" + customer + "'");
        assertProviderUnavailable(system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user,
                Optional.empty())).send());

        stripe.clearFaults();
        assertThat(stripe.objectCount("checkout.session", customer)).as("nothing made while rate-limited")
                .isEqualTo(1);
        assertThat(stripe.objectCount("billing_portal.session", customer)).isZero();
        assertThat(portal(user).status()).isEqualTo(201);
    }

    @Test
    void ourPerUserSessionLimitIsA429WithRetryAfterForCheckoutPortalAndSyncAndMakesNoSession() {
        String user = system.newUser("user_fault_own_429", "Fault");
        Reply plan = checkout(user, "pro_monthly");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String session = plan.json().get("id").asText();
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        for (int opened = 1; opened < SESSION_BURST; opened++) {
            Reply reply = portal(user);
            assertThat(reply.status()).as("session %d of the burst: %s", opened + 1, reply.body()).isEqualTo(201);
        }

        for (Reply refused : List.of(portal(user), checkout(user, "pro_monthly"), system.call("POST",
                "/v1/billing/checkout-sessions/" + session + "/sync").bearer(system.token(user, Optional.empty()))
                .send())) {
            assertError(refused, 429, "rate_limited");
            assertThat(refused.json().get("error").get("type").asText()).isEqualTo("rate_limit_error");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent().hasValueSatisfying(v ->
                    assertThat(Long.parseLong(v)).as("seconds until the next token").isBetween(1L, 3600L));
        }

        assertThat(stripe.objectCount("billing_portal.session", customer)).isEqualTo(SESSION_BURST - 1);
        assertThat(stripe.objectCount("checkout.session", customer)).isEqualTo(1);
        Reply otherUser = portal(system.newUser("user_fault_own_429_other", "Fault"));
        assertThat(otherUser.status()).as("the bucket is per user: %s", otherUser.body()).isEqualTo(201);
    }

    @Test
    void aBurstOfCheckoutsThroughFailuresLatencyAndLostResponsesEndsWithOneCustomerEachNoLostEventAndStripesState()
            throws Exception {
        List<String> users = List.of("user_fault_burst_1", "user_fault_burst_2", "user_fault_burst_3",
                "user_fault_burst_4");
        users.forEach(user -> system.newUser(user, "Fault"));
        stripe.failNextRequests(4, 500);
        stripe.addLatency(Duration.ofMillis(150), 12);
        stripe.failNextAfterWrite(2, 500);
        stripe.dropNextAfterWrite(2);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(users.size());
        List<String> sessions;
        try {
            List<java.util.concurrent.Future<String>> started = new java.util.ArrayList<>();
            for (String user : users) {
                started.add(pool.submit(() -> {
                    Reply reply = checkout(user, "pro_monthly");
                    for (int retry = 0; retry < 5 && reply.status() == 503; retry++) {
                        reply = checkout(user, "pro_monthly");
                    }
                    assertThat(reply.status()).as("%s: %s", user, reply.body()).isEqualTo(201);
                    return reply.json().get("id").asText();
                }));
            }
            sessions = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> future : started) {
                sessions.add(future.get(90, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        stripe.clearFaults();
        List<String> customers = new java.util.ArrayList<>();
        for (String user : users) {
            assertExactlyOneCustomer(user);
            customers.add(SystemFixtures.customersOf(system, "user", user).get(0).getId());
        }

        // The payments' webhook events are processed while Stripe fails and slows down the worker's calls.
        stripe.failNextRequests(9, 500);
        stripe.addLatency(Duration.ofMillis(150), 12);
        for (String session : sessions) {
            stripe.completeCheckout(session, "4242424242424242");
        }
        String inCustomers = "('" + String.join("', '", customers) + "')";
        SystemUnderTest.await("every event of the burst to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key IN " + inCustomers + " AND status <> 'processed'")
                == 0 && system.count("SELECT count(*) FROM webhook_events WHERE work_key IN " + inCustomers
                + " AND type = 'checkout.session.completed'") == users.size());
        stripe.clearFaults();
        for (String user : users) {
            assertExactlyOneCustomer(user);
        }
        List<String> acknowledged = stripe.webhookDeliveries().stream().filter(d -> d.lastStatus() == 200)
                .map(d -> d.eventId()).distinct().toList();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND event_id IN ('"
                + String.join("', '", acknowledged) + "')")).as("every acknowledged event is in the ledger, once")
                .isEqualTo(acknowledged.size());
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            String customer = customers.get(i);
            assertThat(stripe.objectCount("checkout.session", customer)).as("sessions of %s", user).isGreaterThan(0);
            SystemUnderTest.await("a fresh read of " + user, PROCESSING, () -> !system.call("GET",
                    "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty())).send().json()
                    .get("stale").asBoolean());
            SystemFixtures.assertSnapshotEqualsStripe(system, system.call("GET", "/v1/billing/customer?owner=user")
                    .bearer(system.token(user, Optional.empty())).send().json(), customer);
        }
    }
}
