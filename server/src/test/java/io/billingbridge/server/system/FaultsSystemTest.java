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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults injected in the Stripe emulator: no duplicate customer, a clean 503 while down, no lost webhook event. */
class FaultsSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    /** More failures than any retrying can use up while a test runs: Stripe "stays down". */
    private static final int DOWN = 100_000;
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        stripe = system.sandbox().stripe();
        Reply warm = system.call("GET", "/v1/billing/prices?owner=user").bearer(system.token("user_carol",
                Optional.empty())).send();
        assertThat(warm.status()).as("catalog loaded before faults").isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @AfterEach
    void stripeIsBack() {
        stripe.clearFaults();
    }

    private static String newUser(String id) {
        system.sandbox().clerk().createUser(id, "Fault", "Tester", id.substring(5) + "@example.test");
        return id;
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
        String user = newUser("user_fault_500");
        stripe.failNextRequests(2, 500);

        Reply reply = checkout(user, "pro_monthly");

        assertThat(reply.status()).as("stripe-java retries transient 500s: %s", reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void firstCheckoutThrough429sMakesExactlyOneCustomer() {
        String user = newUser("user_fault_429");
        stripe.failNextRequests(3, 429);

        Reply reply = checkoutUntilCreated(user, checkout(user, "pro_monthly"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void firstCheckoutThroughLatencyMakesExactlyOneCustomer() {
        String user = newUser("user_fault_slow");
        stripe.addLatency(Duration.ofMillis(400), 4);

        Reply reply = checkout(user, "pro_monthly");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertExactlyOneCustomer(user);
    }

    @Test
    void aCustomerLeftInStripeByACrashBeforeItsRowWasLinkedIsAdoptedNotDuplicated() throws StripeException {
        String user = newUser("user_fault_orphan");
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
        String user = newUser("user_fault_down");
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
        String user = newUser("user_fault_nosnapshot");
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
        String user = newUser("user_fault_events");
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
        String user = newUser("user_fault_stale");
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
}
