package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutAsUser;
import static io.billingbridge.server.system.SystemFixtures.readUserBilling;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe hung (it accepts requests and never answers): a read answers from the stored snapshot at once, and a call
 * that needs Stripe fails with 503 after {@code stripe.requestTimeout} (5 s by default), not after minutes; once
 * Stripe is back, a client's retry makes one customer and one session, and webhook events received meanwhile are
 * processed once.
 */
class HungStripeSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    /** Far beyond every timeout: Stripe answers nothing until the fault is cleared. */
    private static final Duration HUNG = Duration.ofSeconds(120);
    /** The default request timeout plus one retry's back-off and scheduling slack. */
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(9);
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
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

    /** A reply and how long it took, the call itself bounded so a hanging server fails the test instead. */
    private record Timed(Reply reply, Duration took) {
    }

    private static Timed timed(Supplier<Reply> call) throws Exception {
        long started = System.nanoTime();
        Reply reply = CompletableFuture.supplyAsync(call).get(30, TimeUnit.SECONDS);
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Makes the user a Stripe customer and waits until the worker has processed the customer's events. */
    private static String customerOf(String user) {
        Reply plan = checkoutAsUser(system, user);
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        SystemUnderTest.await("the customer's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0
                && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > 0);
        // Stores the snapshot (a read syncs a missing one): checkout's guardrails read it, else they sync first.
        Reply read = readUserBilling(system, user);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return customer;
    }

    @Test
    void anOutOfDateSnapshotIsServedStaleWithinASecondOrSoAndRefreshedOnceStripeIsBack() throws Exception {
        String user = system.newUser("user_hung_stale", "Hung");
        String customer = customerOf(user);
        Reply fresh = readUserBilling(system, user);
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.json().get("stale").asBoolean()).isFalse();
        system.execute("UPDATE customer_snapshots SET dirty = true WHERE customer_id = '" + customer + "'");

        stripe.addLatency(HUNG, 0);
        Timed stale = timed(() -> readUserBilling(system, user));

        assertThat(stale.reply().status()).as(stale.reply().body()).isEqualTo(200);
        assertThat(stale.took()).as("answered from the stored snapshot").isLessThan(Duration.ofSeconds(2));
        assertThat(stale.reply().json().get("stale").asBoolean()).isTrue();
        assertThat(stale.reply().json().get("customer").asText()).isEqualTo(customer);
        assertThat(stale.reply().json().get("subscriptions")).isEqualTo(fresh.json().get("subscriptions"));

        stripe.clearFaults();
        SystemUnderTest.await("the background refresh to store a fresh snapshot", PROCESSING, () -> system.count(
                "SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer + "' AND NOT dirty") == 1);
        Reply back = readUserBilling(system, user);
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("stale").asBoolean()).isFalse();
    }

    @Test
    void anOwnerWithNoSnapshotGetsA503WithRetryAfterWithinTheRequestTimeout() throws Exception {
        String user = system.newUser("user_hung_nosnapshot", "Hung");
        String customer = customerOf(user);
        system.execute("DELETE FROM customer_snapshots WHERE customer_id = '" + customer + "'");

        stripe.addLatency(HUNG, 0);
        Timed read = timed(() -> readUserBilling(system, user));

        assertError(read.reply(), 503, null);
        assertThat(read.reply().headers().firstValue("Retry-After")).isPresent()
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(read.took()).isLessThan(REQUEST_BOUND);
    }

    @Test
    void aCheckoutWithStripeHungIsA503WithinTheRequestTimeoutNotMinutes() throws Exception {
        String user = system.newUser("user_hung_checkout", "Hung");

        stripe.addLatency(HUNG, 0);
        Timed checkout = timed(() -> checkoutAsUser(system, user));

        assertError(checkout.reply(), 503, null);
        assertThat(checkout.reply().headers().firstValue("Retry-After")).isPresent();
        assertThat(checkout.took()).isLessThan(REQUEST_BOUND);
        assertThat(checkout.took()).as("it did wait for Stripe first").isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aFirstCheckoutThatTimedOutSucceedsOnTheClientsRetryWithOneCustomerAndOneSession() throws Exception {
        String user = system.newUser("user_hung_retry", "Hung");

        stripe.addLatency(HUNG, 0);
        Timed first = timed(() -> checkoutAsUser(system, user));

        assertError(first.reply(), 503, null);
        assertThat(first.reply().headers().firstValue("Retry-After")).isPresent();
        assertThat(first.took()).isLessThan(REQUEST_BOUND);
        stripe.clearFaults();
        Reply retried = checkoutAsUser(system, user);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        List<com.stripe.model.Customer> customers = SystemFixtures.customersOf(system, "user", user);
        assertThat(customers).hasSize(1);
        assertThat(stripe.objectCount("checkout.session", customers.get(0).getId())).isEqualTo(1);
    }

    @Test
    void aSessionCreateHeldByAHungStripeMakesAtMostOneSessionAndTheRetryAnother() throws Exception {
        String user = system.newUser("user_hung_session", "Hung");
        String customer = customerOf(user);

        stripe.addLatency(HUNG, 0);
        Timed first = timed(() -> checkoutAsUser(system, user));

        assertError(first.reply(), 503, null);
        assertThat(first.took()).isLessThan(REQUEST_BOUND);
        // Stripe comes back and runs the request it held, although the server gave up on it: that session is
        // made once, for nobody, and expires; the client's retry is a checkout of its own.
        stripe.clearFaults();
        SystemUnderTest.await("the held session create to run", PROCESSING, () -> stripe.objectCount(
                "checkout.session", customer) == 2);
        Reply retried = checkoutAsUser(system, user);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(stripe.objectCount("checkout.session", customer)).as("one per checkout call").isEqualTo(3);
        assertThat(SystemFixtures.customersOf(system, "user", user)).hasSize(1);
    }

    @Test
    void webhookEventsReceivedWhileStripeHangsAreAcknowledgedKeptAndProcessedOnceWhenItIsBack() throws Exception {
        String user = system.newUser("user_hung_webhook", "Hung");
        Reply plan = checkoutAsUser(system, user);
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        SystemUnderTest.await("the customer's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0
                && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > 0);
        long eventsBefore = system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'");
        Reply before = readUserBilling(system, user);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().get("subscriptions")).isEmpty();

        stripe.addLatency(HUNG, 0);
        stripe.completeCheckout(plan.json().get("id").asText(), "4242424242424242");

        SystemUnderTest.await("the checkout's events to be recorded", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > eventsBefore);
        assertThat(stripe.webhookDeliveries().stream().filter(d -> d.eventType().equals(
                "checkout.session.completed")).filter(d -> d.lastStatus() == 200)).as("acknowledged while Stripe"
                        + " hangs").isNotEmpty();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer
                + "' AND status <> 'processed'")).as("kept, waiting for Stripe").isPositive();
        SystemUnderTest.await("an event to mark the snapshot out of date", PROCESSING, () -> system.count(
                "SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer + "' AND dirty") == 1);
        Timed stale = timed(() -> readUserBilling(system, user));
        assertThat(stale.reply().status()).as(stale.reply().body()).isEqualTo(200);
        assertThat(stale.took()).as("answered from the stored snapshot").isLessThan(Duration.ofSeconds(2));
        assertThat(stale.reply().json().get("stale").asBoolean()).isTrue();

        stripe.clearFaults();
        SystemUnderTest.await("every event of the customer to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0);
        List<String> delivered = stripe.webhookDeliveries().stream().filter(d -> d.lastStatus() == 200)
                .map(d -> d.eventId()).distinct().toList();
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND event_id IN ('"
                + String.join("', '", delivered) + "')")).as("every acknowledged event recorded once")
                .isEqualTo(delivered.size());
        SystemUnderTest.await("a fresh read", PROCESSING, () -> !readUserBilling(system, user).json().get("stale").asBoolean());
        SystemFixtures.assertSnapshotEqualsStripe(system, readUserBilling(system, user).json(), customer);
    }
}
