package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerListParams;
import com.stripe.param.SubscriptionListParams;
import io.billingbridge.sandbox.clerk.DevMembership;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stripe runs a write and stores it, idempotency record included, and then its response is lost (a 500, or the
 * connection closed unanswered): every write path of the product still makes exactly one object per operation,
 * whether the server's own retry recovers or the request fails cleanly and the client retries it.
 *
 * <p>Search lags writes here, as in Stripe, so the recovery by owner metadata cannot hide a missing idempotency key.
 */
class LostStripeResponsesSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    /** Longer than any test: a customer created in a test stays out of search for the rest of it. */
    private static final Duration SEARCH_LAG = Duration.ofMinutes(5);
    private static SystemUnderTest system;
    private static StripeEmulator stripe;
    private static StripeClient stripeClient;

    /** How the response to the write is lost, how often, and how many of those losses one call meets. */
    enum Loss {
        /** One 500: stripe-java retries it with the same key and gets the stored result. */
        ONE_500(1, false, 1),
        /** A 500 on each of the call's three attempts (stripe.maxNetworkRetries 2): the server gives up. */
        EVERY_500(4, false, 3),
        /** One dropped connection: the JDK's HTTP client sends the POST again, same key, and gets the stored result. */
        ONE_DROP(1, true, 1),
        /** Dropped twice (the JDK's resend too; stripe-java does not retry a connection reset): the server gives up. */
        EVERY_DROP(4, true, 2);

        private final int count;
        private final boolean drop;
        private final int metByOneCall;

        Loss(int count, boolean drop, int metByOneCall) {
            this.count = count;
            this.drop = drop;
            this.metByOneCall = metByOneCall;
        }

        /** Whether the server's own retries get past the loss, or the call fails and the client must retry. */
        boolean recoveredByTheServer() {
            return count == 1;
        }

        /** Ends the losses not met yet, leaving the search lag (and so what search does not see yet) as it is. */
        void stop() {
            stripe.failNextAfterWrite(0, 500);
            stripe.dropNextAfterWrite(0);
        }

        /** Asserts the call met exactly the losses expected, so that it wrote, and wrote once per attempt. */
        void assertMetByOneCall() {
            assertThat(count - stripe.afterWriteFaultsLeft()).as("lost responses met by the call (%s)", this)
                    .isEqualTo(metByOneCall);
        }

        void inject() {
            if (drop) {
                stripe.dropNextAfterWrite(count);
            } else {
                stripe.failNextAfterWrite(count, 500);
            }
        }
    }

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1, billing -> billing.setOnOwnerDeleted("cancel_now_and_delete"));
        stripe = system.sandbox().stripe();
        stripeClient = SystemFixtures.stripe(system);
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

    private static Reply checkout(String user, Optional<String> org, String owner, String price) {
        return system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(user, org))
                .json(checkoutBody(owner, price, "")).send();
    }

    private static Reply portal(String user) {
        return system.call("POST", "/v1/billing/portal-sessions").bearer(system.token(user, Optional.empty()))
                .json(SystemFixtures.portalBody("user", "")).send();
    }

    /** The owner's customers in Stripe, listed (search lags here, the list does not). */
    private static List<Customer> customersOf(String ownerType, String ownerId) {
        List<Customer> found = new ArrayList<>();
        try {
            for (Customer customer : stripeClient.v1().customers().list(CustomerListParams.builder().setLimit(100L)
                    .build()).autoPagingIterable()) {
                Map<String, String> metadata = customer.getMetadata();
                if (ownerType.equals(metadata.get("clerk_owner_type")) && ownerId.equals(metadata.get("clerk_owner_id"))) {
                    found.add(customer);
                }
            }
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String theOneCustomerOf(String ownerType, String ownerId) {
        List<Customer> customers = customersOf(ownerType, ownerId);
        assertThat(customers).as("Stripe customers of %s", ownerId).hasSize(1);
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = '" + ownerId
                + "' AND customer_id = '" + customers.get(0).getId() + "'")).as("the account is linked to it")
                .isEqualTo(1);
        return customers.get(0).getId();
    }

    /**
     * A reply to a call whose Stripe write lost its response: done after the server's own retry, or a clean 503 in
     * the error shape; returns whether it was done.
     */
    private static boolean succeededOrFailedCleanly(Loss loss, Reply reply, int created) {
        loss.assertMetByOneCall();
        if (loss.recoveredByTheServer()) {
            assertThat(reply.status()).as("recovered by the server's own retry: %s", reply.body()).isEqualTo(created);
            return true;
        }
        assertError(reply, 503, null);
        assertThat(reply.headers().firstValue("Retry-After")).isPresent();
        assertThat(reply.body()).doesNotContain("cus_", "cs_", "bps_");
        return false;
    }

    private static Reply retriedUntil(int status, java.util.function.Supplier<Reply> call) {
        Reply reply = call.get();
        assertThat(reply.status()).as("the client's retry once Stripe answers again: %s", reply.body())
                .isEqualTo(status);
        return reply;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void aLostResponseToCreatingTheCustomerLeavesExactlyOneCustomer(Loss loss) {
        String user = system.newUser("user_lost_customer_" + loss.name().toLowerCase(), "Lost");
        stripe.searchLag(SEARCH_LAG);
        loss.inject();

        Reply first = checkout(user, Optional.empty(), "user", "pro_monthly");

        boolean done = succeededOrFailedCleanly(loss, first, 201);
        loss.stop();
        assertThat(customersOf("user", user)).as("customers made by the call").hasSize(1);
        if (!done) {
            retriedUntil(201, () -> checkout(user, Optional.empty(), "user", "pro_monthly"));
        }
        String customer = theOneCustomerOf("user", user);
        assertThat(stripe.objectCount("checkout.session", customer)).as("one session per checkout that succeeded")
                .isEqualTo(1);
        Reply another = checkout(user, Optional.empty(), "user", "pro_monthly");
        assertThat(another.status()).as(another.body()).isEqualTo(201);
        assertThat(customersOf("user", user)).as("a later checkout reuses the customer").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void aLostResponseToCreatingACheckoutSessionMakesOneSessionPerCheckoutCall(Loss loss) throws StripeException {
        String user = system.newUser("user_lost_session_" + loss.name().toLowerCase(), "Lost");
        assertThat(checkout(user, Optional.empty(), "user", "pro_monthly").status()).isEqualTo(201);
        String customer = theOneCustomerOf("user", user);
        loss.inject();

        Reply first = checkout(user, Optional.empty(), "user", "pro_monthly");

        boolean done = succeededOrFailedCleanly(loss, first, 201);
        stripe.clearFaults();
        assertThat(stripe.objectCount("checkout.session", customer)).as("sessions after two checkout calls, one of"
                + " them with lost responses").isEqualTo(2);
        if (done) {
            assertThat(stripeClient.v1().checkout().sessions().list(
                    com.stripe.param.checkout.SessionListParams.builder().setCustomer(customer).setLimit(1L).build())
                    .getData().get(0).getId()).as("the session answered is the one Stripe made")
                    .isEqualTo(first.json().get("id").asText());
        } else {
            Reply retried = retriedUntil(201, () -> checkout(user, Optional.empty(), "user", "pro_monthly"));
            assertThat(retried.json().get("id").asText()).startsWith("cs_");
            assertThat(stripe.objectCount("checkout.session", customer)).as("the client's retry is a checkout call"
                    + " of its own: one more session, not two").isEqualTo(3);
        }
        theOneCustomerOf("user", user);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void aLostResponseToCreatingAPortalSessionMakesOneSessionPerPortalCall(Loss loss) {
        String user = system.newUser("user_lost_portal_" + loss.name().toLowerCase(), "Lost");
        assertThat(portal(user).status()).isEqualTo(201);
        String customer = theOneCustomerOf("user", user);
        loss.inject();

        Reply first = portal(user);

        boolean done = succeededOrFailedCleanly(loss, first, 201);
        stripe.clearFaults();
        assertThat(stripe.objectCount("billing_portal.session", customer)).isEqualTo(2);
        if (!done) {
            retriedUntil(201, () -> portal(user));
            assertThat(stripe.objectCount("billing_portal.session", customer)).isEqualTo(3);
        }
        theOneCustomerOf("user", user);
    }

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"EVERY_500", "EVERY_DROP"})
    void aLostResponseToASeatQuantityUpdateChangesTheQuantityOnceAndTheEventIsProcessedOnRetry(Loss loss)
            throws StripeException {
        String suffix = loss.name().toLowerCase();
        String admin = system.newUser("user_lost_seats_admin_" + suffix, "Lost");
        String member = system.newUser("user_lost_seats_member_" + suffix, "Lost");
        String organization = "org_lost_seats_" + suffix;
        system.sandbox().clerk().createOrganization(organization, "Lost " + suffix, "lost-" + suffix.replace('_', '-'),
                admin);
        Reply created = checkout(admin, Optional.of(organization), "organization", "team_monthly");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        stripe.completeCheckout(created.json().get("id").asText(), "4242424242424242");
        String customer = theOneCustomerOf("organization", organization);
        String subscription = stripeClient.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(customer).build()).getData().get(0).getId();
        SystemUnderTest.await("the organization's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key IN ('" + organization + "', '" + customer + "')"
                        + " AND status <> 'processed'") == 0 && quantity(subscription) == 1);
        long changesBefore = SystemFixtures.itemChanges(stripeClient, subscription);
        loss.inject();

        system.sandbox().clerk().addMembership(organization, member, DevMembership.MEMBER);

        SystemUnderTest.await("the membership event to fail once Stripe's response is lost", PROCESSING,
                () -> system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + organization
                        + "' AND status = 'failed'") == 1);
        loss.assertMetByOneCall();
        stripe.clearFaults();
        assertThat(quantity(subscription)).as("the update ran in Stripe").isEqualTo(2);
        system.execute("UPDATE webhook_events SET next_attempt_at = now() WHERE work_key = '" + organization
                + "' AND status = 'failed'");
        SystemUnderTest.await("the membership event to be processed on retry", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + organization + "' AND status <> 'processed'")
                == 0);
        assertThat(quantity(subscription)).isEqualTo(2);
        assertThat(SystemFixtures.itemChanges(stripeClient, subscription) - changesBefore).as("quantity changes Stripe recorded").isEqualTo(1);
        assertThat(system.count("SELECT count(*) FROM seat_updates WHERE subscription_id = '" + subscription + "'"))
                .as("quantity updates sent: the retry read the new quantity and sent none").isEqualTo(1);
    }

    /** Waits for the owner's webhook event to fail on the lost responses, then lets Stripe answer and the retry run. */
    private static void awaitFailedThenProcessedOnRetry(Loss loss, String workKey) {
        SystemUnderTest.await("the event to fail once Stripe's responses are lost", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + workKey + "' AND status = 'failed'") == 1);
        loss.assertMetByOneCall();
        stripe.clearFaults();
        system.execute("UPDATE webhook_events SET next_attempt_at = now() WHERE work_key = '" + workKey
                + "' AND status = 'failed'");
        SystemUnderTest.await("the event to be processed on retry", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + workKey + "' AND status <> 'processed'") == 0);
    }

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"EVERY_500", "EVERY_DROP"})
    void aLostResponseToUpdatingTheCustomersProfileIsRetriedToTheSameOneCustomer(Loss loss) throws StripeException {
        String user = system.newUser("user_lost_profile_" + loss.name().toLowerCase(), "Lost");
        assertThat(portal(user).status()).isEqualTo(201);
        String customer = theOneCustomerOf("user", user);
        SystemUnderTest.await("the user's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key IN ('user:" + user + "', '" + customer + "')"
                        + " AND status <> 'processed'") == 0);
        loss.inject();

        system.sandbox().clerk().updateUser(system.sandbox().clerk().user(user).orElseThrow()
                .withName("Renamed", "Response"));

        awaitFailedThenProcessedOnRetry(loss, "user:" + user);
        assertThat(stripeClient.v1().customers().retrieve(customer).getName()).isEqualTo("Renamed Response");
        theOneCustomerOf("user", user);
    }

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"EVERY_500", "EVERY_DROP"})
    void aLostResponseToCancelingForADeletedOwnerEndsWithTheSubscriptionCanceledAndTheCustomerDeletedOnce(Loss loss)
            throws StripeException {
        String user = system.newUser("user_lost_deleted_" + loss.name().toLowerCase(), "Lost");
        Reply created = checkout(user, Optional.empty(), "user", "pro_monthly");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        stripe.completeCheckout(created.json().get("id").asText(), "4242424242424242");
        String customer = theOneCustomerOf("user", user);
        SystemUnderTest.await("the user's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key IN ('user:" + user + "', '" + customer + "')"
                        + " AND status <> 'processed'") == 0);
        loss.inject();

        system.sandbox().clerk().deleteUser(user);

        awaitFailedThenProcessedOnRetry(loss, "user:" + user);
        List<com.stripe.model.Subscription> subscriptions = stripeClient.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(customer).setStatus(SubscriptionListParams.Status.ALL)
                        .build()).getData();
        assertThat(subscriptions).hasSize(1);
        assertThat(subscriptions.get(0).getStatus()).isEqualTo("canceled");
        assertThat(stripeClient.v1().customers().retrieve(customer).getDeleted()).isTrue();
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = '" + user
                + "' AND sync_state = 'deleted'")).isEqualTo(1);
    }

    private static long quantity(String subscription) {
        try {
            return stripeClient.v1().subscriptions().retrieve(subscription).getItems().getData().get(0).getQuantity();
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

}
