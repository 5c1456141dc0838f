package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.buyAndSync;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkout's guardrails over real HTTP: one live subscription per product group (409 naming the caller's own
 * subscription), one trial per owner, cardless trials ending by their configured behaviour, promotion codes, tax
 * id collection.
 */
class CheckoutGuardrailsSystemTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static SystemUnderTest system;
    private static StripeClient stripe;

    @BeforeAll
    static void start() throws StripeException {
        system = SystemUnderTest.start(1, billing -> billing.getCheckout().setTaxIdCollection(true));
        stripe = SystemFixtures.stripe(system);
        seedGroups(stripe);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** A second product group for users (storage) and a plan with a seven-day trial in a third one. */
    private static void seedGroups(StripeClient stripe) throws StripeException {
        Product storage = stripe.v1().products().create(ProductCreateParams.builder().setName("Storage")
                .putMetadata("billing_bridge_owner_types", "user").putMetadata("billing_bridge_group", "storage")
                .build());
        stripe.v1().prices().create(PriceCreateParams.builder().setProduct(storage.getId()).setCurrency("usd")
                .setUnitAmount(300L).setLookupKey("storage_monthly").setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
        Product trial = stripe.v1().products().create(ProductCreateParams.builder().setName("Trial plan")
                .putMetadata("billing_bridge_owner_types", "user").putMetadata("billing_bridge_group", "trial")
                .build());
        stripe.v1().prices().create(PriceCreateParams.builder().setProduct(trial.getId()).setCurrency("usd")
                .setUnitAmount(1000L).setLookupKey("trial_monthly").putMetadata("billing_bridge_trial_days", "7")
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
    }

    private static String freshUser(SystemUnderTest in) {
        return in.newUser("user_guard" + USERS.incrementAndGet(), "Guard");
    }

    private static Reply checkout(SystemUnderTest in, String user, String price, String extra) {
        return in.call("POST", "/v1/billing/checkout-sessions").bearer(in.token(user, Optional.empty()))
                .json(checkoutBody("user", price, extra)).send();
    }

    private static JsonNode billing(SystemUnderTest in, String user) {
        Reply reply = in.call("GET", "/v1/billing/customer?owner=user").bearer(in.token(user, Optional.empty())).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aSecondSubscriptionInTheGroupIsRefusedNamingTheOneToChangeWhileOtherPurchasesGoThrough() {
        String user = freshUser(system);
        buyAndSync(system, user, Optional.empty(), "user", "pro_monthly");
        String pro = billing(system, user).get("subscriptions").get(0).get("id").asText();

        Reply refused = checkout(system, user, "pro_yearly", "");
        assertError(refused, 409, "already_subscribed");
        assertThat(refused.json().get("error").get("subscription").asText()).isEqualTo(pro);
        assertThat(checkout(system, user, "credits_100", "").status()).isEqualTo(201);
        assertThat(checkout(system, user, "storage_monthly", "").status()).isEqualTo(201);

        String stranger = freshUser(system);
        Reply strangers = checkout(system, stranger, "pro_yearly", "");
        assertThat(strangers.status()).as(strangers.body()).isEqualTo(201);
        assertThat(strangers.body()).doesNotContain(pro);
        Reply otherError = checkout(system, stranger, "no_such_price", "");
        assertError(otherError, 400, "price_not_available");
        assertThat(otherError.json().get("error").has("subscription")).isFalse();
    }

    @Test
    void anOrganizationsSecondSubscriptionIsRefusedNamingItsOwnWhileItsAdminsOwnAndAnotherOrganizationsGoThrough() {
        buyAndSync(system, ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME), "organization", "team_monthly");
        String acmeToken = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String acmes = system.call("GET", "/v1/billing/customer?owner=organization").bearer(acmeToken).send().json()
                .get("subscriptions").get(0).get("id").asText();

        Reply again = system.call("POST", "/v1/billing/checkout-sessions").bearer(acmeToken)
                .json(checkoutBody("organization", "team_monthly", "")).send();
        assertError(again, 409, "already_subscribed");
        assertThat(again.json().get("error").get("subscription").asText()).isEqualTo(acmes);

        Reply alicesOwn = system.call("POST", "/v1/billing/checkout-sessions").bearer(acmeToken)
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(alicesOwn.status()).as(alicesOwn.body()).isEqualTo(201);
        Reply globex = system.call("POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(ClerkDevInstance.DAVE, Optional.of(ClerkDevInstance.GLOBEX)))
                .json(checkoutBody("organization", "team_monthly", "")).send();
        assertThat(globex.status()).as(globex.body()).isEqualTo(201);
        assertThat(globex.body()).doesNotContain(acmes);
    }

    @Test
    void anOwnerWhoHadATrialGetsNoSecondOne() throws StripeException {
        String user = freshUser(system);
        buyAndSync(system, user, Optional.empty(), "user", "trial_monthly");
        JsonNode first = billing(system, user).get("subscriptions").get(0);
        assertThat(first.get("status").asText()).isEqualTo("trialing");
        stripe.v1().subscriptions().cancel(first.get("id").asText());
        SystemUnderTest.await("the cancellation in the snapshot", Duration.ofSeconds(10), () -> "canceled".equals(
                billing(system, user).get("subscriptions").get(0).get("status").asText()));

        buyAndSync(system, user, Optional.empty(), "user", "trial_monthly");

        List<String> statuses = new ArrayList<>();
        billing(system, user).get("subscriptions").forEach(s -> statuses.add(s.get("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder("canceled", "active");
    }

    @Test
    void aValidPromotionCodeDiscountsTheFirstInvoice() throws StripeException {
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(BigDecimal.valueOf(20))
                .setDuration(CouponCreateParams.Duration.FOREVER).build());
        String code = "SAVE" + USERS.incrementAndGet();
        stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(code)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        String user = freshUser(system);

        Reply created = checkout(system, user, "pro_monthly", ",\"promotionCode\":\"" + code.toLowerCase() + "\"");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        assertThat(system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(user, Optional.empty())).send().status()).isEqualTo(200);

        JsonNode invoice = billing(system, user).get("invoices").get(0);
        assertThat(invoice.get("total").get("amount").asLong()).isEqualTo(960);
        assertThat(invoice.get("amountPaid").get("amount").asLong()).isEqualTo(960);
    }

    @Test
    void unknownInactiveOrExpiredCodesAreRefusedAndNoSessionIsMade() throws StripeException {
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(100L).setCurrency("usd")
                .setDuration(CouponCreateParams.Duration.ONCE).build());
        String inactive = "OFF" + USERS.incrementAndGet();
        stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(inactive).setActive(false)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        String expiring = "SOON" + USERS.incrementAndGet();
        stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(expiring)
                .setExpiresAt(system.sandbox().stripe().now() + 3600)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        system.sandbox().stripe().advanceClock(Duration.ofHours(2));
        String user = freshUser(system);
        buyAndSync(system, user, Optional.empty(), "user", "credits_100");
        String customer = billing(system, user).get("customer").asText();
        int sessions = system.sandbox().stripe().objectCount("checkout.session", customer);

        for (String code : new String[] {"NOSUCHCODE", inactive, expiring, "not a code"}) {
            Reply refused = checkout(system, user, "credits_100", ",\"promotionCode\":\"" + code + "\"");
            assertError(refused, 400, "promotion_code_invalid");
        }
        assertThat(system.sandbox().stripe().objectCount("checkout.session", customer)).isEqualTo(sessions);
    }

    @Test
    void taxIdCollectionIsAskedForWhenSwitchedOn() throws StripeException {
        Reply created = checkout(system, freshUser(system), "pro_monthly", "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Session session = stripe.v1().checkout().sessions().retrieve(created.json().get("id").asText());
        assertThat(session.getTaxIdCollection().getEnabled()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"cancel, canceled", "pause, paused", "create_invoice, past_due"})
    void aTrialWithoutACardEndsAsConfigured(String behavior, String endStatus) throws StripeException {
        try (SystemUnderTest cardless = SystemUnderTest.start(1, billing -> {
            billing.getCheckout().setTrialRequiresPaymentMethod(false);
            billing.getCheckout().setTrialEndBehavior(behavior);
        })) {
            seedGroups(SystemFixtures.stripe(cardless));
            String user = freshUser(cardless);
            Reply created = checkout(cardless, user, "trial_monthly", "");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String session = created.json().get("id").asText();
            cardless.sandbox().stripe().completeCheckout(session, null);
            cardless.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                    .bearer(cardless.token(user, Optional.empty())).send();
            JsonNode trialing = billing(cardless, user).get("subscriptions").get(0);
            assertThat(trialing.get("status").asText()).isEqualTo("trialing");
            assertThat(billing(cardless, user).get("paymentMethods")).isEmpty();

            cardless.sandbox().stripe().advanceClock(Duration.ofDays(8));

            SystemUnderTest.await("the trial's end in the snapshot", Duration.ofSeconds(15), () -> endStatus.equals(
                    billing(cardless, user).get("subscriptions").get(0).get("status").asText()));
            if ("past_due".equals(endStatus)) {
                assertThat(billing(cardless, user).get("invoices").findValuesAsText("status")).contains("open");
            }
        }
    }
}
