package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.Customer;
import com.stripe.model.Discount;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.PromotionCode;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeListParams;
import com.stripe.param.PromotionCodeUpdateParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coupons, promotion codes and their discounts, cardless trials and their ends, tax id collection. */
class StripeDiscountsAndTrialsTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Product product;
    private static Price monthly;
    private static Price oneTime;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
        product = StripeTestSupport.product(stripe, "Pro");
        monthly = StripeTestSupport.monthly(stripe, product.getId(), 2000);
        oneTime = StripeTestSupport.oneTime(stripe, product.getId(), 5000);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Coupon percentOff(long percent, CouponCreateParams.Duration duration, Long months)
            throws StripeException {
        CouponCreateParams.Builder params = CouponCreateParams.builder().setPercentOff(BigDecimal.valueOf(percent))
                .setDuration(duration);
        if (months != null) {
            params.setDurationInMonths(months);
        }
        return stripe.v1().coupons().create(params.build());
    }

    private static PromotionCode code(Coupon coupon, String code) throws StripeException {
        return stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(code)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
    }

    private static Session checkoutWithCode(Customer customer, String priceId, String promotionCode)
            throws StripeException {
        SessionCreateParams.Builder params = priceId.equals(oneTime.getId())
                ? SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                        .setSuccessUrl("https://app.example/ok").setCancelUrl("https://app.example/cancel")
                : StripeTestSupport.subscriptionCheckout(priceId, 1);
        return stripe.v1().checkout().sessions().create(params.setCustomer(customer.getId())
                .addDiscount(SessionCreateParams.Discount.builder().setPromotionCode(promotionCode).build()).build());
    }

    private static List<String> eventTypes(String objectId) throws StripeException {
        List<String> types = new ArrayList<>();
        for (Event event : stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData()) {
            if (event.getDataObjectDeserializer().getRawJson().contains("\"id\": \"" + objectId + "\"")
                    || event.getDataObjectDeserializer().getRawJson().contains("\"id\":\"" + objectId + "\"")) {
                types.add(event.getType());
            }
        }
        Collections.reverse(types);
        return types;
    }

    @Test
    void couponsValidateAndPromotionCodesAreFoundByCode() throws StripeException {
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(500L)
                .setCurrency("usd").setDuration(CouponCreateParams.Duration.REPEATING).setDurationInMonths(3L)
                .setMaxRedemptions(10L).build());
        assertThat(coupon.getValid()).isTrue();
        assertThat(coupon.getDurationInMonths()).isEqualTo(3L);
        assertThatThrownBy(() -> stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(500L)
                .setDuration(CouponCreateParams.Duration.ONCE).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("currency"));
        assertThatThrownBy(() -> stripe.v1().coupons().create(CouponCreateParams.builder()
                .setDuration(CouponCreateParams.Duration.REPEATING).setPercentOff(BigDecimal.TEN).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("duration_in_months"));

        String typed = unique("SPRING").toUpperCase(java.util.Locale.ROOT).replace("-", "");
        PromotionCode created = code(coupon, typed);
        assertThat(created.getPromotion().getCoupon()).isEqualTo(coupon.getId());
        assertThatThrownBy(() -> code(coupon, typed.toLowerCase(java.util.Locale.ROOT)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("code"));

        List<PromotionCode> found = stripe.v1().promotionCodes().list(PromotionCodeListParams.builder()
                .setCode(typed).addExpand("data.promotion.coupon").build()).getData();
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.getId()).isEqualTo(created.getId());
            assertThat(p.getPromotion().getCouponObject().getValid()).isTrue();
        });
        PromotionCode off = stripe.v1().promotionCodes().update(created.getId(),
                PromotionCodeUpdateParams.builder().setActive(false).build());
        assertThat(off.getActive()).isFalse();
        assertThat(stripe.v1().promotionCodes().list(PromotionCodeListParams.builder().setCode(typed)
                .setActive(true).build()).getData()).isEmpty();
    }

    @Test
    void aPromotionCodeDiscountsTheFirstInvoiceAndLaterOnesPerDuration() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("promo") + "@example.com");
        PromotionCode promo = code(percentOff(25, CouponCreateParams.Duration.REPEATING, 2L), unique("QUARTER")
                .replace("-", ""));
        Session session = checkoutWithCode(customer, monthly.getId(), promo.getId());
        assertThat(session.getAmountTotal()).isEqualTo(1500L);
        assertThat(session.getTotalDetails().getAmountDiscount()).isEqualTo(500L);
        emulator.completeCheckout(session.getId(), "4242424242424242");

        String subscriptionId = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        Subscription subscription = stripe.v1().subscriptions().retrieve(subscriptionId,
                SubscriptionRetrieveParams.builder().addExpand("discounts").build(), null);
        Discount discount = subscription.getDiscountObjects().get(0);
        assertThat(discount.getPromotionCode()).isEqualTo(promo.getId());
        assertThat(discount.getEnd()).isNotNull();

        emulator.advanceClock(Duration.ofDays(31));
        emulator.advanceClock(Duration.ofDays(31));
        List<Invoice> invoices = new ArrayList<>(stripe.v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscriptionId).build()).getData());
        Collections.reverse(invoices);
        assertThat(invoices).extracting(Invoice::getTotal).containsExactly(1500L, 1500L, 2000L);
        Invoice first = invoices.get(0);
        assertThat(first.getSubtotal()).isEqualTo(2000L);
        assertThat(first.getTotalDiscountAmounts()).singleElement().satisfies(d -> {
            assertThat(d.getAmount()).isEqualTo(500L);
            assertThat(d.getDiscount()).isEqualTo(discount.getId());
        });
        assertThat(first.getLines().getData().get(0).getDiscountAmounts().get(0).getAmount()).isEqualTo(500L);
        assertThat(stripe.v1().promotionCodes().retrieve(promo.getId()).getTimesRedeemed()).isEqualTo(1L);
    }

    @Test
    void aOnceCouponDiscountsOnlyTheFirstInvoiceAndAPaymentIsDiscountedToo() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("once") + "@example.com");
        PromotionCode promo = code(percentOff(50, CouponCreateParams.Duration.ONCE, null), unique("HALF")
                .replace("-", ""));
        Session session = checkoutWithCode(customer, monthly.getId(), promo.getId());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        String subscriptionId = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        emulator.advanceClock(Duration.ofDays(31));
        List<Invoice> invoices = new ArrayList<>(stripe.v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscriptionId).build()).getData());
        Collections.reverse(invoices);
        assertThat(invoices).extracting(Invoice::getTotal).containsExactly(1000L, 2000L);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getDiscounts()).isEmpty();

        Session payment = checkoutWithCode(StripeTestSupport.customer(stripe, unique("pay") + "@example.com"),
                oneTime.getId(), promo.getId());
        assertThat(payment.getAmountTotal()).isEqualTo(2500L);
    }

    @Test
    void promotionCodesAreRefusedAsStripeRefusesThem() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("refused") + "@example.com");
        Customer other = StripeTestSupport.customer(stripe, unique("other") + "@example.com");
        Coupon coupon = percentOff(10, CouponCreateParams.Duration.FOREVER, null);
        PromotionCode inactive = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setActive(false).setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        PromotionCode othersOnly = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setCustomer(other.getId()).setPromotion(PromotionCodeCreateParams.Promotion.builder()
                        .setCoupon(coupon.getId()).setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build())
                .build());
        PromotionCode bigOrders = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setRestrictions(PromotionCodeCreateParams.Restrictions.builder().setMinimumAmount(10_000L)
                        .setMinimumAmountCurrency("usd").build())
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        PromotionCode expiring = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setExpiresAt(emulator.now() + 3600)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder().setCoupon(coupon.getId())
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).build()).build());
        emulator.advanceClock(Duration.ofHours(2));

        for (PromotionCode refused : List.of(inactive, othersOnly, bigOrders, expiring)) {
            assertThatThrownBy(() -> checkoutWithCode(customer, monthly.getId(), refused.getId())).as(refused.getId())
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.getParam()).isEqualTo("discounts[0][promotion_code]"));
        }
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setAllowPromotionCodes(true).addDiscount(SessionCreateParams.Discount.builder()
                        .setCoupon(coupon.getId()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("discounts"));
    }

    private static Subscription cardlessTrial(MissingPaymentMethod behavior) throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("trial") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomer(customer.getId())
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(7L)
                        .setTrialSettings(SessionCreateParams.SubscriptionData.TrialSettings.builder()
                                .setEndBehavior(SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.builder()
                                        .setMissingPaymentMethod(behavior).build()).build()).build()).build());
        emulator.completeCheckout(session.getId(), null);
        Subscription subscription = stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(session.getId()).getSubscription());
        assertThat(subscription.getStatus()).isEqualTo("trialing");
        assertThat(subscription.getDefaultPaymentMethod()).isNull();
        assertThat(subscription.getTrialSettings().getEndBehavior().getMissingPaymentMethod())
                .isEqualTo(behavior.getValue());
        return subscription;
    }

    @Test
    void aCardlessTrialEndsAsItsEndBehaviourSays() throws StripeException {
        Subscription canceled = cardlessTrial(MissingPaymentMethod.CANCEL);
        Subscription paused = cardlessTrial(MissingPaymentMethod.PAUSE);
        Subscription invoiced = cardlessTrial(MissingPaymentMethod.CREATE_INVOICE);

        emulator.advanceClock(Duration.ofDays(5));
        assertThat(eventTypes(canceled.getId())).startsWith("customer.subscription.created")
                .endsWith("customer.subscription.trial_will_end").doesNotContain("customer.subscription.deleted");
        emulator.advanceClock(Duration.ofDays(3));

        assertThat(stripe.v1().subscriptions().retrieve(canceled.getId()).getStatus()).isEqualTo("canceled");
        assertThat(eventTypes(canceled.getId())).endsWith("customer.subscription.trial_will_end",
                "customer.subscription.deleted");
        assertThat(stripe.v1().subscriptions().retrieve(paused.getId()).getStatus()).isEqualTo("paused");
        assertThat(eventTypes(paused.getId())).endsWith("customer.subscription.paused",
                "customer.subscription.updated");
        Subscription pastDue = stripe.v1().subscriptions().retrieve(invoiced.getId());
        assertThat(pastDue.getStatus()).isEqualTo("past_due");
        Invoice open = stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertThat(open.getStatus()).isEqualTo("open");
        assertThat(open.getAmountDue()).isEqualTo(2000L);
    }

    @Test
    void aSessionThatNeedsACardCannotCompleteWithoutOne() throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).build());
        assertThatThrownBy(() -> emulator.completeCheckout(session.getId(), null))
                .hasMessageContaining("requires a payment method");
    }

    @Test
    void taxIdCollectionNeedsTheNameUpdateForAnExistingCustomer() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("tax") + "@example.com");
        SessionCreateParams.TaxIdCollection on = SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build();
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomer(customer.getId()).setTaxIdCollection(on).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("tax_id_collection[enabled]"));

        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomer(customer.getId()).setTaxIdCollection(on)
                .setCustomerUpdate(SessionCreateParams.CustomerUpdate.builder()
                        .setName(SessionCreateParams.CustomerUpdate.Name.AUTO).build()).build());
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getTaxIdCollection().getEnabled())
                .isTrue();
    }
}
