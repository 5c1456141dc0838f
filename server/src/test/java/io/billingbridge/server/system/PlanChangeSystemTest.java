package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.buyAndSync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionScheduleListParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plan changes over real HTTP against the Stripe emulator: the preview is what the change charges, a downgrade waits
 * for the period end and happens when the clock gets there, a scheduled change can be withdrawn, the access rules
 * of every lifecycle endpoint, one write per subscription at a time, and no half-made change after a Stripe fault
 * or a declined payment.
 */
class PlanChangeSystemTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static SystemUnderTest system;
    private static StripeEmulator stripe;
    private static StripeClient stripeClient;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        stripe = system.sandbox().stripe();
        stripe.seed(new StripeEmulatorConfig.SeedProduct("Pro Plus", "More of everything",
                Map.of("billing_bridge_owner_types", "user"), List.of(),
                List.of(new StripeEmulatorConfig.SeedPrice("plus_monthly", 3000, "usd", "month", Map.of()))));
        stripeClient = SystemFixtures.stripe(system);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @AfterEach
    void clearFaults() {
        stripe.clearFaults();
    }

    /** A new user who bought {@code price}; returns the user id and their subscription id. */
    private static String[] subscribed(String price) {
        String user = system.newUser("user_change" + USERS.incrementAndGet(), "Changer");
        buyAndSync(system, user, Optional.empty(), "user", price);
        JsonNode billing = read(user).json();
        return new String[] {user, billing.get("subscriptions").get(0).get("id").asText()};
    }

    private static String token(String user) {
        return system.token(user, Optional.empty());
    }

    private static Reply read(String user) {
        return system.call("GET", "/v1/billing/customer?owner=user").bearer(token(user)).send();
    }

    private static Reply post(String user, String subscription, String action, String body) {
        return system.call("POST", "/v1/billing/subscriptions/" + subscription + "/" + action).bearer(token(user))
                .json(body).send();
    }

    private static Reply withdraw(String user, String subscription) {
        return system.call("DELETE", "/v1/billing/subscriptions/" + subscription + "/scheduled-change?owner=user")
                .bearer(token(user)).send();
    }

    private static String body(String price, String extra) {
        return "{\"owner\":\"user\",\"price\":\"" + price + "\"" + extra + "}";
    }

    private static JsonNode onlySubscription(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("subscriptions")).hasSize(1);
        return reply.json().get("subscriptions").get(0);
    }

    @Test
    void anUpgradeChargesExactlyWhatItsPreviewShowed() throws StripeException {
        String[] carol = subscribed("pro_monthly");
        stripe.advanceClock(Duration.ofDays(9).plusSeconds(123));

        Reply preview = post(carol[0], carol[1], "change-preview", body("plus_monthly", ""));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode p = preview.json();
        assertThat(p.get("when").asText()).isEqualTo("now");
        assertThat(p.get("lines")).hasSize(2);
        assertThat(p.get("lines").get(0).get("amount").get("amount").asLong()).isNegative();
        assertThat(p.get("lines").get(0).get("description").asText()).startsWith("Unused time on Pro after ");
        long amountDue = p.get("amountDue").get("amount").asLong();
        assertThat(amountDue).isEqualTo(p.get("lines").get(0).get("amount").get("amount").asLong()
                + p.get("lines").get(1).get("amount").get("amount").asLong()).isPositive();

        stripe.advanceClock(Duration.ofMinutes(3));
        Reply changed = post(carol[0], carol[1], "change", body("plus_monthly",
                ",\"prorationDate\":\"" + p.get("prorationDate").asText() + "\""));

        JsonNode subscription = onlySubscription(changed);
        assertThat(subscription.get("items").get(0).get("lookupKey").asText()).isEqualTo("plus_monthly");
        Subscription inStripe = stripeClient.v1().subscriptions().retrieve(carol[1]);
        Invoice charged = stripeClient.v1().invoices().retrieve(inStripe.getLatestInvoice());
        assertThat(charged.getBillingReason()).isEqualTo("subscription_update");
        assertThat(charged.getAmountPaid()).isEqualTo(amountDue);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE outcome = 'allowed' AND action ="
                + " 'subscription.change' AND detail LIKE '" + carol[1] + "%'")).isEqualTo(1);
    }

    @Test
    void aDowngradeWaitsForThePeriodEndAndHappensWhenTheClockGetsThere() throws StripeException {
        String[] dan = subscribed("plus_monthly");
        Instant periodEnd = Instant.parse(onlySubscription(read(dan[0])).get("items").get(0)
                .get("currentPeriodEnd").asText());

        Reply preview = post(dan[0], dan[1], "change-preview", body("pro_monthly", ""));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("when").asText()).isEqualTo("period_end");
        assertThat(Instant.parse(preview.json().get("effectiveAt").asText())).isEqualTo(periodEnd);
        assertThat(preview.json().has("prorationDate")).isFalse();
        long amountDue = preview.json().get("amountDue").get("amount").asLong();
        assertThat(amountDue).isEqualTo(1200);

        JsonNode scheduled = onlySubscription(post(dan[0], dan[1], "change", body("pro_monthly", "")));
        assertThat(scheduled.get("items").get(0).get("lookupKey").asText()).isEqualTo("plus_monthly");
        JsonNode change = scheduled.get("scheduledChange");
        assertThat(change.get("lookupKey").asText()).isEqualTo("pro_monthly");
        assertThat(change.get("productName").asText()).isEqualTo("Pro");
        assertThat(change.get("quantity").asLong()).isEqualTo(1);
        assertThat(Instant.parse(change.get("effectiveAt").asText())).isEqualTo(periodEnd);

        stripe.advanceClock(Duration.between(Instant.ofEpochSecond(stripe.now()), periodEnd).plusHours(1));
        SystemUnderTest.await("the downgrade in the snapshot", Duration.ofSeconds(20), () -> {
            JsonNode now = onlySubscription(read(dan[0]));
            return now.get("items").get(0).get("lookupKey").asText().equals("pro_monthly")
                    && !now.has("scheduledChange");
        });
        Invoice renewal = stripeClient.v1().invoices().retrieve(stripeClient.v1().subscriptions().retrieve(dan[1])
                .getLatestInvoice());
        assertThat(renewal.getAmountPaid()).isEqualTo(amountDue);
    }

    @Test
    void aScheduledChangeCanBeWithdrawnOnce() throws StripeException {
        String[] erin = subscribed("plus_monthly");
        assertThat(onlySubscription(post(erin[0], erin[1], "change", body("pro_monthly", ""))).has("scheduledChange"))
                .isTrue();

        JsonNode withdrawn = onlySubscription(withdraw(erin[0], erin[1]));
        assertThat(withdrawn.has("scheduledChange")).isFalse();
        assertThat(withdrawn.get("items").get(0).get("lookupKey").asText()).isEqualTo("plus_monthly");
        assertThat(stripeClient.v1().subscriptions().retrieve(erin[1]).getSchedule()).isNull();
        assertError(withdraw(erin[0], erin[1]), 404, "no_scheduled_change");
    }

    @Test
    void anotherOwnersSubscriptionIsNotFoundExactlyAsAMissingOneAndAudited() {
        String[] owner = subscribed("pro_monthly");
        String mallory = system.newUser("user_mallory" + USERS.incrementAndGet(), "Mallory");
        long deniedBefore = system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied'");

        for (String action : List.of("change-preview", "change")) {
            Reply foreign = post(mallory, owner[1], action, body("plus_monthly", ""));
            Reply missing = post(mallory, "sub_doesnotexist", action, body("plus_monthly", ""));
            assertError(foreign, 404, "subscription_not_found");
            assertThat(foreign.json()).isEqualTo(missing.json());
        }
        Reply foreign = withdraw(mallory, owner[1]);
        assertError(foreign, 404, "subscription_not_found");
        assertThat(foreign.json()).isEqualTo(withdraw(mallory, "sub_doesnotexist").json());

        assertThat(system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied'") - deniedBefore)
                .isEqualTo(6);
        assertThat(onlySubscription(read(owner[0])).get("items").get(0).get("lookupKey").asText())
                .isEqualTo("pro_monthly");
    }

    @Test
    void membersWithoutManageBillingUsersWithoutAnOrganizationAndStrangersAreRefused() {
        String bob = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        String org = "{\"owner\":\"organization\",\"price\":\"team_monthly\"}";
        for (String action : List.of("change-preview", "change")) {
            String path = "/v1/billing/subscriptions/sub_any/" + action;
            assertError(system.call("POST", path).bearer(bob).json(org).send(), 403, "access_denied");
            assertError(system.call("POST", path).bearer(carol).json(org).send(), 403, "no_active_organization");
            assertThat(system.call("POST", path).json(org).send().status()).isEqualTo(401);
        }
        String delete = "/v1/billing/subscriptions/sub_any/scheduled-change?owner=organization";
        assertError(system.call("DELETE", delete).bearer(bob).send(), 403, "access_denied");
        assertError(system.call("DELETE", delete).bearer(carol).send(), 403, "no_active_organization");
        assertThat(system.call("DELETE", delete).send().status()).isEqualTo(401);
    }

    @Test
    void twoChangesAtOnceApplyOneAndRefuseTheOtherWithAConflict() throws Exception {
        String[] fay = subscribed("pro_monthly");
        stripe.addLatency(Duration.ofSeconds(3), 0);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> post(fay[0], fay[1], "change",
                body("plus_monthly", "")));
        SystemUnderTest.await("the first change holding the lease", Duration.ofSeconds(10),
                () -> system.count("SELECT count(*) FROM subscription_change_leases WHERE subscription_id = '"
                        + fay[1] + "'") == 1);

        Reply second = post(fay[0], fay[1], "change", body("pro_yearly", ""));
        stripe.clearFaults();

        assertError(second, 409, "change_in_progress");
        assertThat(onlySubscription(first.get(30, TimeUnit.SECONDS)).get("items").get(0).get("lookupKey").asText())
                .isEqualTo("plus_monthly");
        assertThat(system.count("SELECT count(*) FROM subscription_change_leases")).isZero();
    }

    @Test
    void aStripeFaultWhileSchedulingLeavesNoScheduleBehindAndTheRetrySucceeds() throws StripeException {
        String[] gus = subscribed("plus_monthly");
        stripe.failNextRequestsTo("POST", "/v1/subscription_schedules/[^/]+", 3, 500);

        Reply failed = post(gus[0], gus[1], "change", body("pro_monthly", ""));

        assertError(failed, 503, "provider_unavailable");
        Subscription after = stripeClient.v1().subscriptions().retrieve(gus[1]);
        assertThat(after.getSchedule()).isNull();
        assertThat(after.getItems().getData().get(0).getPrice().getLookupKey()).isEqualTo("plus_monthly");
        List<SubscriptionSchedule> schedules = stripeClient.v1().subscriptionSchedules().list(
                SubscriptionScheduleListParams.builder().setCustomer(after.getCustomer()).build()).getData();
        assertThat(schedules).extracting(SubscriptionSchedule::getStatus).containsOnly("released");
        assertThat(onlySubscription(read(gus[0])).has("scheduledChange")).isFalse();

        JsonNode retried = onlySubscription(post(gus[0], gus[1], "change", body("pro_monthly", "")));
        assertThat(retried.get("scheduledChange").get("lookupKey").asText()).isEqualTo("pro_monthly");
    }

    @Test
    void aScheduleLeftBehindWhenItsCleanupAlsoFailedIsReusedByTheRetry() throws StripeException {
        String[] hal = subscribed("plus_monthly");
        stripe.failNextRequestsTo("POST", "/v1/subscription_schedules/[^/]+", 3, 500);
        stripe.failNextRequestsTo("POST", "/v1/subscription_schedules/[^/]+/release", 3, 500);

        assertError(post(hal[0], hal[1], "change", body("pro_monthly", "")), 503, "provider_unavailable");
        String leftBehind = stripeClient.v1().subscriptions().retrieve(hal[1]).getSchedule();
        assertThat(leftBehind).isNotNull();
        assertThat(onlySubscription(read(hal[0])).has("scheduledChange")).as("one phase changes nothing").isFalse();

        JsonNode retried = onlySubscription(post(hal[0], hal[1], "change", body("pro_monthly", "")));
        assertThat(retried.get("scheduledChange").get("lookupKey").asText()).isEqualTo("pro_monthly");
        assertThat(stripeClient.v1().subscriptions().retrieve(hal[1]).getSchedule()).isEqualTo(leftBehind);
    }

    @Test
    void aDeclinedUpgradePaymentLeavesTheOldPlan() throws StripeException {
        String[] ivy = subscribed("pro_monthly");
        Subscription subscription = stripeClient.v1().subscriptions().retrieve(ivy[1]);
        String failing = stripeClient.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(subscription.getCustomer()).build()).getId();
        stripeClient.v1().subscriptions().update(ivy[1], SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(failing).build());

        Reply refused = post(ivy[0], ivy[1], "change", body("plus_monthly", ""));

        assertError(refused, 402, "payment_failed");
        assertThat(refused.json().get("error").get("type").asText()).isEqualTo("card_error");
        Subscription after = stripeClient.v1().subscriptions().retrieve(ivy[1]);
        assertThat(after.getItems().getData().get(0).getPrice().getLookupKey()).isEqualTo("pro_monthly");
        assertThat(after.getStatus()).isEqualTo("active");
        SystemUnderTest.await("the snapshot after the refused change", Duration.ofSeconds(10),
                () -> onlySubscription(read(ivy[0])).get("items").get(0).get("lookupKey").asText()
                        .equals("pro_monthly"));
    }

    @Test
    void badInputIsA400AndChangesNothingInStripe() {
        String[] jo = subscribed("pro_monthly");
        int before = stripe.webhookDeliveries().size();
        assertError(post(jo[0], jo[1], "change", body("pro_monthly", "")), 400, "price_unchanged");
        assertError(post(jo[0], jo[1], "change", body("credits_100", "")), 400, "price_not_recurring");
        assertError(post(jo[0], jo[1], "change", body("team_monthly", "")), 400, "price_not_available");
        assertError(post(jo[0], jo[1], "change-preview", body("plus_monthly", ",\"when\":\"later\"")), 400,
                "invalid_when");
        assertError(post(jo[0], jo[1], "change", body("plus_monthly", ",\"prorationDate\":\"yesterday\"")), 400,
                "invalid_proration_date");
        assertThat(stripe.webhookDeliveries()).as("no write, so no event").hasSize(before);
    }
}
