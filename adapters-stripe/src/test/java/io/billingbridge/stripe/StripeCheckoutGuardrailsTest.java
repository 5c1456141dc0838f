package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeUpdateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PromotionCode;
import io.billingbridge.core.payment.PromotionCodeId;
import io.billingbridge.core.payment.TrialEndBehavior;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What checkout's guardrails send to Stripe: promotion codes looked up and applied, cardless trials, tax ids. */
class StripeCheckoutGuardrailsTest {

    private static StripeEmulator emulator;
    private static StripePaymentProvider provider;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
        StripeSettings settings = StripeTestKit.settings(emulator).build();
        provider = new StripePaymentProvider(settings);
        stripe = StripePaymentProvider.client(settings);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static CheckoutRequest request(CustomerId customer, Owner owner, Optional<Integer> trial,
            Optional<PromotionCodeId> promotion, boolean cardless, boolean taxIds) {
        Price pro = price(provider, PRO_MONTHLY);
        return new CheckoutRequest(customer, owner, pro, CheckoutMode.SUBSCRIPTION, 1,
                URI.create("https://app.example/ok"), URI.create("https://app.example/billing"), trial, false, false,
                Map.of(), IdempotencyKey.fresh("checkout"), promotion, cardless, TrialEndBehavior.PAUSE, taxIds);
    }

    private static String promotionCode(Coupon coupon, String code) throws StripeException {
        return stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(code)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build()).getId();
    }

    @Test
    void findsAPromotionCodeByWhatTheCustomerTypesWithWhatDecidesItsUse() throws StripeException {
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(BigDecimal.TEN)
                .setDuration(CouponCreateParams.Duration.ONCE).build());
        String code = "FIND" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        String id = promotionCode(coupon, code);

        PromotionCode found = provider.findPromotionCode(code.toLowerCase(Locale.ROOT)).orElseThrow();
        assertThat(found.id().value()).isEqualTo(id);
        assertThat(found.active()).isTrue();
        assertThat(found.couponValid()).isTrue();
        assertThat(found.customer()).isEmpty();
        assertThat(provider.findPromotionCode("NOSUCH" + code)).isEmpty();

        stripe.v1().promotionCodes().update(id, PromotionCodeUpdateParams.builder().setActive(false).build());
        assertThat(provider.findPromotionCode(code).orElseThrow().active()).isFalse();
    }

    @Test
    void aPromotionCodeIsSentAsTheDiscountAndDiscountsTheFirstInvoice() throws StripeException {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(400L).setCurrency("usd")
                .setDuration(CouponCreateParams.Duration.FOREVER).build());
        String id = promotionCode(coupon, "APPLY" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT));

        CheckoutSession session = provider.createCheckoutSession(request(customer, owner, Optional.empty(),
                Optional.of(new PromotionCodeId(id)), false, false));
        emulator.completeCheckout(session.id().value(), StripeTestKit.TEST_CARD);

        com.stripe.model.checkout.Session stored = stripe.v1().checkout().sessions().retrieve(session.id().value());
        assertThat(stored.getAllowPromotionCodes()).isNull();
        assertThat(stored.getDiscounts()).singleElement().satisfies(d -> assertThat(d.getPromotionCode()).isEqualTo(id));
        Invoice invoice = stripe.v1().invoices().retrieve(stored.getInvoice());
        assertThat(invoice.getTotal()).isEqualTo(1900L - 400L);
    }

    @Test
    void aCodeStripeRefusesAtCheckoutIsAnInvalidPromotionCode() throws StripeException {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(BigDecimal.TEN)
                .setDuration(CouponCreateParams.Duration.ONCE).build());
        String id = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setRestrictions(PromotionCodeCreateParams.Restrictions.builder().setMinimumAmount(100_000L)
                        .setMinimumAmountCurrency("usd").build())
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build()).getId();

        assertThatThrownBy(() -> provider.createCheckoutSession(request(customer, owner, Optional.empty(),
                Optional.of(new PromotionCodeId(id)), false, false)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("promotion_code_invalid");
                    assertThat(e.param()).contains("promotionCode");
                });
    }

    @Test
    void aCardlessTrialStartsWithoutACardAndEndsAsConfigured() throws StripeException {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        CheckoutSession session = provider.createCheckoutSession(request(customer, owner, Optional.of(7),
                Optional.empty(), true, true));

        com.stripe.model.checkout.Session stored = stripe.v1().checkout().sessions().retrieve(session.id().value());
        assertThat(stored.getPaymentMethodCollection()).isEqualTo("if_required");
        assertThat(stored.getTaxIdCollection().getEnabled()).isTrue();
        emulator.completeCheckout(session.id().value(), null);
        Subscription subscription = stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(session.id().value()).getSubscription());
        assertThat(subscription.getStatus()).isEqualTo("trialing");
        assertThat(subscription.getTrialSettings().getEndBehavior().getMissingPaymentMethod()).isEqualTo("pause");
    }
}
