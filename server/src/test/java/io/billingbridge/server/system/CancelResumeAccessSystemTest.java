package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.Subscription;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.clerk.DevUser;
import io.billingbridge.server.AccessStateSection;
import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.Hooks;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancel and resume, the access state (grace after a failed renewal, the default plan after the end), portal deep
 * links and the portal per owner type, over real HTTP; the server's billing clock follows the Stripe emulator's, so
 * moving that clock moves both.
 */
class CancelResumeAccessSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(20);
    private static SystemUnderTest system;

    /** The emulator's time, once the system has started. */
    private static final class EmulatorClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(system.sandbox().stripe().now());
        }
    }

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startWith(() -> new BillingBridgeApplication(Hooks.defaults(), new EmulatorClock()),
                config -> {
                    config.getBilling().setPublishToClerkKey("billing");
                    config.getBilling().setAccessState(new AccessStateSection(io.dropwizard.util.Duration.days(3),
                            null, null, new AccessStateSection.DefaultPlanSection("Free", List.of("community"))));
                });
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String token(String user) {
        return system.token(user, Optional.empty());
    }

    /** A new user who bought Pro monthly; returns the subscription id. */
    private static String subscribed(String user) {
        system.newUser(user, "Test");
        SystemFixtures.buyAndSync(system, user, Optional.empty(), "user", "pro_monthly");
        JsonNode billing = billing(user);
        assertThat(billing.get("subscriptions")).hasSize(1);
        return billing.get("subscriptions").get(0).get("id").asText();
    }

    private static JsonNode billing(String user) {
        Reply reply = system.call("GET", "/v1/billing/customer?owner=user").bearer(token(user)).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Reply cancel(String user, String subscription, String body) {
        return system.call("POST", "/v1/billing/subscriptions/" + subscription + "/cancel").bearer(token(user))
                .json(body).send();
    }

    private static Reply resume(String user, String subscription) {
        return system.call("POST", "/v1/billing/subscriptions/" + subscription + "/resume").bearer(token(user))
                .json("{\"owner\":\"user\"}").send();
    }

    private static long audited(String detailLike) {
        return system.count("SELECT count(*) FROM audit_log WHERE action = 'subscription.cancel' AND detail LIKE '"
                + detailLike + "'");
    }

    @Test
    void cancelAtPeriodEndKeepsAccessUntilThenAndResumeWithdrawsIt() {
        String subscription = subscribed("user_life_anna");

        Reply canceled = cancel("user_life_anna", subscription,
                "{\"owner\":\"user\",\"at\":\"period_end\",\"reason\":\"too_expensive\"}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        JsonNode sub = canceled.json().get("subscriptions").get(0);
        assertThat(sub.get("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(sub.get("cancelAt").asText()).isEqualTo(sub.get("currentPeriodEnd").asText());
        assertThat(sub.get("latestInvoice").get("status").asText()).isEqualTo("paid");
        assertThat(canceled.json().get("access").get("state").asText()).isEqualTo("active");
        assertThat(canceled.json().get("access").get("plan").asText()).isEqualTo("Pro");
        assertThat(audited(subscription + " at=period_end")).isEqualTo(1);

        Reply resumed = resume("user_life_anna", subscription);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("subscriptions").get(0).get("cancelAtPeriodEnd").asBoolean()).isFalse();
        assertThat(resumed.json().get("subscriptions").get(0).has("cancelAt")).isFalse();
        assertError(resume("user_life_anna", subscription), 409, "nothing_to_resume");
    }

    @Test
    void cancelNowEndsItAtOnceAndTheOwnerFallsBackToTheDefaultPlan() {
        String subscription = subscribed("user_life_ben");

        Reply canceled = cancel("user_life_ben", subscription, "{\"owner\":\"user\",\"at\":\"now\"}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().get("subscriptions").get(0).get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.json().get("access")).isEqualTo(SystemUnderTest.JSON.createObjectNode()
                .put("plan", "Free").put("state", "none"));
        assertThat(canceled.json().get("entitlements").toString()).isEqualTo("[\"community\"]");

        assertError(cancel("user_life_ben", subscription, "{\"owner\":\"user\",\"at\":\"now\"}"), 409,
                "subscription_ended");
        assertError(resume("user_life_ben", subscription), 409, "subscription_ended");
    }

    @Test
    void badInputIs400AndNothingReachesStripe() {
        String subscription = subscribed("user_life_cleo");
        assertError(cancel("user_life_cleo", subscription, "{\"owner\":\"user\",\"at\":\"later\"}"), 400,
                "invalid_at");
        assertError(cancel("user_life_cleo", subscription, "{\"owner\":\"user\",\"at\":\"now\",\"reason\":\""
                + "x".repeat(501) + "\"}"), 400, "invalid_reason");
        assertThat(billing("user_life_cleo").get("subscriptions").get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void whenThePeriodEndsAfterACancelTheSubscriptionIsCanceledAndAccessIsTheDefaultPlan() {
        String subscription = subscribed("user_life_dora");
        assertThat(cancel("user_life_dora", subscription, "{\"owner\":\"user\",\"at\":\"period_end\"}").status())
                .isEqualTo(200);

        system.sandbox().stripe().advanceClock(Duration.ofDays(32));
        SystemUnderTest.await("the cancellation at period end", PROCESSING, () -> "canceled".equals(
                billing("user_life_dora").get("subscriptions").get(0).get("status").asText()));
        JsonNode after = billing("user_life_dora");
        assertThat(after.get("access").get("state").asText()).isEqualTo("none");
        assertThat(after.get("access").get("plan").asText()).isEqualTo("Free");
    }

    @Test
    void aFailedRenewalKeepsAccessForTheGraceThenLocksAndClerkSeesTheStateWithoutUrls() throws Exception {
        String subscription = subscribed("user_life_eve");
        StripeClient stripe = SystemFixtures.stripe(system);
        Subscription stored = stripe.v1().subscriptions().retrieve(subscription);
        stripe.v1().paymentMethods().detach(stored.getDefaultPaymentMethod());

        system.sandbox().stripe().advanceClock(Duration.ofDays(31).plusHours(1));
        SystemUnderTest.await("the failed renewal", PROCESSING, () -> "past_due".equals(
                billing("user_life_eve").get("subscriptions").get(0).get("status").asText()));
        JsonNode grace = billing("user_life_eve");
        JsonNode invoice = grace.get("subscriptions").get(0).get("latestInvoice");
        assertThat(invoice.get("status").asText()).isEqualTo("open");
        assertThat(grace.get("access").get("state").asText()).isEqualTo("grace");
        assertThat(grace.get("access").get("action").get("type").asText()).isEqualTo("update_payment_method");
        Instant graceEnds = Instant.parse(grace.get("access").get("graceEndsAt").asText());
        assertThat(graceEnds).isAfter(Instant.ofEpochSecond(system.sandbox().stripe().now()));

        SystemUnderTest.await("the grace state in Clerk's public metadata", PROCESSING, () -> system.sandbox().clerk()
                .user("user_life_eve").map(DevUser::publicMetadata).map(m -> (Map<?, ?>) m.get("billing"))
                .filter(b -> "grace".equals(b.get("state"))).isPresent());
        Map<?, ?> published = (Map<?, ?>) system.sandbox().clerk().user("user_life_eve").orElseThrow()
                .publicMetadata().get("billing");
        assertThat(published.get("plan")).isEqualTo("Pro");
        assertThat(published.get("graceEndsAt")).isEqualTo(graceEnds.toString());
        assertThat(published.toString()).doesNotContain("http");

        system.sandbox().stripe().advanceClock(Duration.ofDays(4));
        JsonNode locked = billing("user_life_eve");
        assertThat(locked.get("access").get("state").asText()).isEqualTo("locked");
        assertThat(locked.get("access").get("action").get("type").asText()).isEqualTo("pay_invoice");
        assertThat(locked.get("access").get("action").get("url").asText())
                .isEqualTo(invoice.get("hostedInvoiceUrl").asText());
        assertThat(locked.get("entitlements").toString()).isEqualTo("[\"community\"]");
    }

    @Test
    void anotherOwnersSubscriptionIs404ExactlyAsAMissingOneForCancelResumeAndPortalFlowsAndIsAudited() {
        String subscription = subscribed("user_life_finn");
        system.newUser("user_life_gus", "Gus");
        long deniedBefore = system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND detail = "
                + "'subscription_not_found'");

        for (String id : List.of(subscription, "sub_doesnotexist")) {
            Reply cancel = cancel("user_life_gus", id, "{\"owner\":\"user\",\"at\":\"now\"}");
            Reply resume = resume("user_life_gus", id);
            Reply portal = system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_gus"))
                    .json(SystemFixtures.portalBody("user", ",\"flow\":\"subscription_cancel\",\"subscription\":\""
                            + id + "\"")).send();
            for (Reply reply : List.of(cancel, resume, portal)) {
                assertError(reply, 404, "subscription_not_found");
                assertThat(reply.json().get("error").get("message").asText())
                        .isEqualTo("no such subscription for this user");
            }
        }
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND detail = "
                + "'subscription_not_found'") - deniedBefore).isEqualTo(6);
        assertThat(billing("user_life_finn").get("subscriptions").get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void aMemberIs403AndASignedOutCallerIs401() {
        String alice = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String bob = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));
        SystemFixtures.buyAndSync(system, ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME), "organization",
                "team_monthly");
        JsonNode org = system.call("GET", "/v1/billing/customer?owner=organization").bearer(alice).send().json();
        String subscription = org.get("subscriptions").get(0).get("id").asText();

        assertError(system.call("POST", "/v1/billing/subscriptions/" + subscription + "/cancel").bearer(bob)
                .json("{\"owner\":\"organization\",\"at\":\"now\"}").send(), 403, null);
        assertError(system.call("POST", "/v1/billing/subscriptions/" + subscription + "/resume").bearer(bob)
                .json("{\"owner\":\"organization\"}").send(), 403, null);
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(bob).json(SystemFixtures.portalBody(
                "organization", ",\"flow\":\"subscription_cancel\",\"subscription\":\"" + subscription + "\""))
                .send(), 403, null);
        assertError(system.call("POST", "/v1/billing/subscriptions/" + subscription + "/cancel")
                .json("{\"owner\":\"organization\",\"at\":\"now\"}").send(), 401, null);
        assertError(system.call("POST", "/v1/billing/subscriptions/" + subscription + "/resume")
                .json("{\"owner\":\"organization\"}").send(), 401, null);

        Reply admin = system.call("POST", "/v1/billing/portal-sessions").bearer(alice).json(SystemFixtures.portalBody(
                "organization", ",\"flow\":\"subscription_update\",\"subscription\":\"" + subscription + "\""))
                .send();
        assertThat(admin.status()).as(admin.body()).isEqualTo(201);
        assertThat(org.get("access").get("state").asText()).isEqualTo("trialing");
    }

    private static String page(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String priceId(String owner, String lookupKey) {
        JsonNode prices = system.call("GET", "/v1/billing/prices?owner=" + owner).bearer(token(ClerkDevInstance.CAROL))
                .send().json().get("data");
        for (JsonNode price : prices) {
            if (lookupKey.equals(price.path("lookupKey").asText())) {
                return price.get("id").asText();
            }
        }
        throw new AssertionError("no price " + lookupKey + " for " + owner);
    }

    @Test
    void thePortalOffersAPersonalUserOnlyPersonalPlansAndDeepLinksOpenOnTheirStep() throws Exception {
        String subscription = subscribed("user_life_hal");
        String teamMonthly = priceId("organization", "team_monthly");
        String proMonthly = priceId("user", "pro_monthly");

        Reply home = system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", "")).send();
        assertThat(home.status()).as(home.body()).isEqualTo(201);
        String html = page(home.json().get("url").asText());
        assertThat(html).contains(proMonthly).doesNotContain(teamMonthly).contains("Cancel subscription");

        Reply paymentMethod = system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", ",\"flow\":\"payment_method_update\"")).send();
        assertThat(paymentMethod.status()).as(paymentMethod.body()).isEqualTo(201);
        assertThat(page(paymentMethod.json().get("url").asText())).contains("data-flow=\"payment_method_update\"");

        Reply cancelFlow = system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", ",\"flow\":\"subscription_cancel\",\"subscription\":\""
                        + subscription + "\"")).send();
        assertThat(cancelFlow.status()).as(cancelFlow.body()).isEqualTo(201);
        assertThat(page(cancelFlow.json().get("url").asText())).contains("data-flow=\"subscription_cancel\"")
                .contains(subscription);

        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", ",\"flow\":\"subscription_cancel\"")).send(), 400,
                "parameter_missing");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", ",\"flow\":\"somewhere\"")).send(), 400, "invalid_flow");
        cancel("user_life_hal", subscription, "{\"owner\":\"user\",\"at\":\"period_end\"}");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(token("user_life_hal"))
                .json(SystemFixtures.portalBody("user", ",\"flow\":\"subscription_cancel\",\"subscription\":\""
                        + subscription + "\"")).send(), 409, "cancel_already_scheduled");
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE action = 'portal.create' AND detail LIKE "
                + "'% flow=subscription_cancel " + subscription + "'")).isEqualTo(1);
    }

    @Test
    void aOneTimePurchaseSaysWhatWasBought() {
        system.newUser("user_life_ida", "Ida");
        SystemFixtures.buyAndSync(system, "user_life_ida", Optional.empty(), "user", "credits_100");
        JsonNode payment = billing("user_life_ida").get("payments").get(0);
        assertThat(payment.get("description").asText()).isNotBlank();
        assertThat(payment.get("lineItems").get(0).get("quantity").asLong()).isEqualTo(1);
        assertThat(payment.get("lineItems").get(0).get("amount").get("amount").asLong()).isEqualTo(500);
    }
}
