package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.TEST_CARD;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newOrganization;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeMeteredTest {

    private static StripeEmulator emulator;
    private static StripePaymentProvider provider;
    private static StripeClient stripe;
    private static Meter meter;
    private static Price apiCalls;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeTestKit.emulator();
        StripeSettings settings = StripeTestKit.settings(emulator).build();
        provider = new StripePaymentProvider(settings);
        stripe = StripePaymentProvider.client(settings);
        meter = stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("API calls")
                .setEventName("api_call_" + UUID.randomUUID().toString().replace("-", ""))
                .setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build()).build());
        String product = price(provider, PRO_MONTHLY).product().id();
        stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product).setCurrency("usd")
                .setUnitAmount(3L).setLookupKey("api_calls").setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId()).build())
                .build());
        apiCalls = price(provider, "api_calls");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static CustomerId customer(Owner owner) {
        return provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
    }

    private static CheckoutRequest withAddOns(CheckoutRequest base, List<Price> addOns) {
        return new CheckoutRequest(base.customer(), base.owner(), base.price(), base.mode(), base.quantity(),
                base.successUrl(), base.cancelUrl(), base.trialDays(), base.automaticTax(), base.allowPromotionCodes(),
                base.metadata(), base.idempotencyKey(), base.promotionCode(), base.trialWithoutPaymentMethod(),
                base.trialEndBehavior(), base.taxIdCollection(), addOns);
    }

    @Test
    void theCatalogKnowsTheMeteredPriceAndItsMeter() {
        assertThat(apiCalls.isMetered()).isTrue();
        assertThat(apiCalls.recurring().orElseThrow().meter()).contains(meter.getId());
    }

    @Test
    void aLicensedBaseWithAMeteredAddOnIsBoughtInOneCheckoutAndTheSnapshotShowsTheMeter() throws StripeException {
        Owner owner = newOrganization();
        CustomerId customer = customer(owner);
        CheckoutRequest request = withAddOns(checkout(customer, owner, price(provider, PRO_MONTHLY), 4,
                Optional.empty()), List.of(apiCalls));

        CheckoutSession session = provider.createCheckoutSession(request);
        emulator.completeCheckout(session.id().value(), TEST_CARD);

        SubscriptionView subscription = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
        assertThat(subscription.status()).isEqualTo("active");
        assertThat(subscription.items()).hasSize(2);
        SubscriptionItemView base = subscription.items().stream().filter(i -> !i.metered()).findFirst().orElseThrow();
        SubscriptionItemView usage = subscription.items().stream().filter(SubscriptionItemView::metered).findFirst()
                .orElseThrow();
        assertThat(base.quantity()).isEqualTo(4);
        assertThat(usage.priceId()).isEqualTo(apiCalls.id());
        assertThat(usage.meter()).contains(meter.getId());
        assertThat(usage.currentPeriodStart()).isPresent();
        Subscription stored = stripe.v1().subscriptions().retrieve(subscription.id());
        assertThat(stored.getItems().getData()).filteredOn(i -> i.getPrice().getId().equals(apiCalls.id()))
                .singleElement().satisfies(i -> assertThat(i.getQuantity()).isNull());
    }

    @Test
    void aMeteredPriceAloneIsAValidCheckout() {
        Owner owner = newUser();
        CustomerId customer = customer(owner);

        CheckoutSession session = provider.createCheckoutSession(checkout(customer, owner, apiCalls, 1,
                Optional.empty()));
        emulator.completeCheckout(session.id().value(), TEST_CARD);

        SubscriptionView subscription = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
        assertThat(subscription.isLive()).isTrue();
        assertThat(subscription.items()).singleElement().satisfies(i -> {
            assertThat(i.meter()).contains(meter.getId());
            assertThat(i.quantity()).isEqualTo(1);
        });
    }

    @Test
    void meterUsageReadsTheMeterAndTheCustomersSummaryOverWholeMinutes() throws StripeException {
        Owner owner = newUser();
        CustomerId customer = customer(owner);
        Instant now = Instant.now();
        for (long value : new long[] {5, 7, 30}) {
            stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                    .setEventName(meter.getEventName()).putPayload("stripe_customer_id", customer.value())
                    .putPayload("value", Long.toString(value)).setTimestamp(now.getEpochSecond()).build());
        }
        StripeMeterUsage usage = provider.meterUsage();
        MeterId id = new MeterId(meter.getId());
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);

        assertThat(usage.meter(id).displayName()).isEqualTo("API calls");
        assertThat(usage.meter(id).eventName()).isEqualTo(meter.getEventName());
        assertThat(usage.usage(customer, id, start, end)).isEqualTo(new BigDecimal("42"));
        assertThat(usage.usage(customer(newUser()), id, start, end)).isEqualTo(new BigDecimal("0"));
        assertThat(usage.usage(customer, id, start, now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES)))
                .isEqualTo(new BigDecimal("0"));
        assertThatThrownBy(() -> usage.meter(new MeterId("mtr_missing"))).isInstanceOf(NotFound.class);
    }
}
