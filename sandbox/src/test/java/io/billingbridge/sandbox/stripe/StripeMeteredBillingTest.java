package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.LineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.billing.Meter;
import com.stripe.model.checkout.Session;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metered prices, Checkout with metered line items and usage charged when the clock crosses a period end. */
class StripeMeteredBillingTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Meter meter;
    private static Price base;
    private static Price perCall;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder()
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC)).build());
        stripe = client(emulator);
        meter = StripeMetersTest.meter(stripe, unique("api_calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        Product product = StripeTestSupport.product(stripe, "API");
        base = StripeTestSupport.monthly(stripe, product.getId(), 2000);
        perCall = metered(product.getId(), 3, meter.getId());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Price metered(String productId, long unitAmount, String meterId) throws StripeException {
        return stripe.v1().prices().create(PriceCreateParams.builder().setProduct(productId).setCurrency("usd")
                .setUnitAmount(unitAmount).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meterId).build())
                .build());
    }

    private static SessionCreateParams.Builder baseWithUsage(String customerId, long quantity) {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customerId)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(base.getId()).setQuantity(quantity)
                        .build())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(perCall.getId()).build())
                .setSuccessUrl("https://app.example/success").setCancelUrl("https://app.example/cancel");
    }

    private static Subscription subscribe(Customer customer, long quantity) throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(baseWithUsage(customer.getId(), quantity)
                .build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    private static boolean report(Customer customer, long value, String identifier, long timestamp)
            throws StripeException {
        try {
            stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                    .setEventName(meter.getEventName()).putPayload("stripe_customer_id", customer.getId())
                    .putPayload("value", Long.toString(value)).setIdentifier(identifier).setTimestamp(timestamp)
                    .build());
            return true;
        } catch (InvalidRequestException e) {
            assertThat(e.getMessage()).contains("An event already exists with identifier " + identifier);
            return false;
        }
    }

    private static InvoiceLineItem lineFor(Invoice invoice, Price price) {
        return invoice.getLines().getData().stream().filter(line -> price.getId().equals(line.getPricing()
                .getPriceDetails().getPrice())).findFirst().orElseThrow();
    }

    @Test
    void meteredPriceNamesItsMeterAndIsListedByUsageType() throws StripeException {
        assertThat(perCall.getRecurring().getUsageType()).isEqualTo("metered");
        assertThat(perCall.getRecurring().getMeter()).isEqualTo(meter.getId());
        assertThat(base.getRecurring().getUsageType()).isEqualTo("licensed");
        assertThat(base.getRecurring().getMeter()).isNull();

        List<Price> metered = stripe.v1().prices().list(PriceListParams.builder()
                .setRecurring(PriceListParams.Recurring.builder()
                        .setUsageType(PriceListParams.Recurring.UsageType.METERED).build()).setLimit(100L).build())
                .getData();
        assertThat(metered).extracting(Price::getId).contains(perCall.getId()).doesNotContain(base.getId());
    }

    @Test
    void meteredPriceNeedsAnExistingMeterAndALicensedPriceTakesNone() {
        PriceCreateParams.Recurring.Builder recurring = PriceCreateParams.Recurring.builder()
                .setInterval(PriceCreateParams.Recurring.Interval.MONTH);

        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setProduct(
                base.getProduct()).setCurrency("usd").setUnitAmount(1L).setRecurring(recurring
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                    assertThat(e.getStripeError().getParam()).isEqualTo("recurring[meter]");
                });
        assertThatThrownBy(() -> metered(base.getProduct(), 1, "mtr_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getStripeError().getParam()).isEqualTo("recurring[meter]");
                });
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setProduct(
                base.getProduct()).setCurrency("usd").setUnitAmount(1L).setRecurring(recurring
                        .setUsageType(PriceCreateParams.Recurring.UsageType.LICENSED).setMeter(meter.getId()).build())
                .build())).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("recurring[meter]"));
    }

    @Test
    void checkoutRefusesAQuantityForAMeteredPrice() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("qty") + "@example.com");

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer.getId())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(base.getId()).setQuantity(1L).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(perCall.getId()).setQuantity(1L).build())
                .setSuccessUrl("https://app.example/success").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStripeError().getParam()).isEqualTo("line_items[1][quantity]");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("Quantity should not be specified where"
                            + " usage_type is `metered`. Remove quantity from `line_items[1]`.");
                });
    }

    @Test
    void checkoutWithALicensedAndAMeteredPriceSubscribesToBothAndChargesOnlyTheLicensedPriceUpFront()
            throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("mix") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(baseWithUsage(customer.getId(), 2).build());

        assertThat(session.getAmountTotal()).isEqualTo(4000);
        List<LineItem> items = stripe.v1().checkout().sessions().lineItems().list(session.getId()).getData();
        assertThat(items).extracting(LineItem::getQuantity).containsExactly(2L, null);
        assertThat(items).extracting(LineItem::getAmountTotal).containsExactly(4000L, 0L);

        emulator.completeCheckout(session.getId(), "4242424242424242");
        Subscription subscription = stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(session.getId()).getSubscription());
        List<SubscriptionItem> subscribed = subscription.getItems().getData();
        assertThat(subscribed).extracting(item -> item.getPrice().getId()).containsExactly(base.getId(),
                perCall.getId());
        assertThat(subscribed).extracting(SubscriptionItem::getQuantity).containsExactly(2L, null);
        assertThat(subscribed.get(1).getPlan().getUsageType()).isEqualTo("metered");
        assertThat(subscribed.get(1).getPlan().getMeter()).isEqualTo(meter.getId());
        Invoice first = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(first.getAmountPaid()).isEqualTo(4000);
        assertThat(lineFor(first, perCall).getAmount()).isZero();
        assertThat(lineFor(first, perCall).getQuantity()).isZero();
    }

    @Test
    void invoiceAtThePeriodEndChargesExactlyTheDistinctEventsUsage() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("usage") + "@example.com");
        Subscription subscription = subscribe(customer, 1);
        long periodStart = subscription.getItems().getData().get(1).getCurrentPeriodStart();
        long periodEnd = subscription.getItems().getData().get(1).getCurrentPeriodEnd();
        report(customer, 1000, unique("before-start"), periodStart - 60);

        emulator.advanceClock(Duration.ofDays(20));
        Set<String> distinct = new HashSet<>();
        long expected = 0;
        for (int i = 0; i < 60; i++) {
            String identifier = "call-" + (i % 45) + "-" + customer.getId();
            long value = 1 + i % 45;
            boolean accepted = report(customer, value, identifier, emulator.now() - 86_400L * (i % 15));
            assertThat(accepted).isEqualTo(distinct.add(identifier));
            if (accepted) {
                expected += value;
            }
        }
        assertThat(expected).isEqualTo(45 * 46 / 2);

        emulator.advanceClock(Duration.ofSeconds(periodEnd - emulator.now() + 1));
        report(customer, 500, unique("next-period"), emulator.now());
        Subscription renewed = stripe.v1().subscriptions().retrieve(subscription.getId());
        Invoice renewal = stripe.v1().invoices().retrieve(renewed.getLatestInvoice());

        assertThat(renewal.getBillingReason()).isEqualTo("subscription_cycle");
        InvoiceLineItem usage = lineFor(renewal, perCall);
        assertThat(usage.getQuantity()).isEqualTo(expected);
        assertThat(usage.getAmount()).isEqualTo(expected * 3);
        assertThat(usage.getPeriod().getStart()).isEqualTo(periodStart);
        assertThat(usage.getPeriod().getEnd()).isEqualTo(periodEnd);
        InvoiceLineItem licensed = lineFor(renewal, base);
        assertThat(licensed.getAmount()).isEqualTo(2000);
        assertThat(licensed.getPeriod().getStart()).isEqualTo(periodEnd);
        assertThat(renewal.getStatus()).isEqualTo("paid");
        assertThat(renewal.getAmountPaid()).isEqualTo(2000 + expected * 3);

        long nextEnd = renewed.getItems().getData().get(1).getCurrentPeriodEnd();
        emulator.advanceClock(Duration.ofSeconds(nextEnd - emulator.now() + 1));
        Invoice following = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(
                subscription.getId()).getLatestInvoice());
        assertThat(lineFor(following, perCall).getAmount()).isEqualTo(500 * 3);
        assertThat(following.getAmountPaid()).isEqualTo(2000 + 500 * 3);
    }

    @Test
    void subscriptionUpdateAddsAMeteredItemWithoutQuantityOrProrationAndRefusesAQuantityForIt()
            throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("add") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                base.getId(), 1).setCustomer(customer.getId()).build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        Subscription subscription = stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(session.getId()).getSubscription());

        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(SubscriptionUpdateParams.Item.builder().setPrice(perCall.getId()).setQuantity(1L)
                        .build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError()
                        .getMessage()).isEqualTo("Quantity should not be specified where usage_type is `metered`."
                                + " Remove quantity from `items[0]`."));

        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(SubscriptionUpdateParams.Item.builder().setPrice(perCall.getId()).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE).build());

        assertThat(updated.getItems().getData()).extracting(SubscriptionItem::getQuantity).containsExactly(1L,
                null);
        Invoice latest = stripe.v1().invoices().retrieve(updated.getLatestInvoice());
        assertThat(latest.getLines().getData()).noneMatch(line -> perCall.getId().equals(line.getPricing()
                .getPriceDetails().getPrice()) && line.getParent().getSubscriptionItemDetails().getProration());
    }
}
