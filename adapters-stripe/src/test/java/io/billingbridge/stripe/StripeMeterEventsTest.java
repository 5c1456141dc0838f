package io.billingbridge.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.usage.MeterEvent;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.usage.SendOutcome;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeMeterEventsTest {
    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static StripeMeterEvents meterEvents;
    private static Meter meter;
    private static Meter unused;
    private static CustomerId subscribed;
    private static CustomerId unsubscribed;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeTestKit.emulator();
        StripeSettings settings = StripeTestKit.settings(emulator).meterEventsPerSecond(500).build();
        stripe = StripePaymentProvider.client(settings);
        meterEvents = StripePaymentProvider.providers(settings).meterEvents();
        meter = meter("api_calls_" + suffix(), "stripe_customer_id", "value");
        unused = meter("tokens_" + suffix(), "customer", "tokens");
        Product product = stripe.v1().products().create(ProductCreateParams.builder().setName("API").build());
        Price metered = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(3L).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId()).build())
                .build());
        subscribed = customer();
        unsubscribed = customer();
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(subscribed.value())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(metered.getId()).build())
                .setSuccessUrl("https://app.example/ok").setCancelUrl("https://app.example/no").build());
        emulator.completeCheckout(session.getId(), StripeTestKit.TEST_CARD);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Meter meter(String eventName, String customerKey, String valueKey) throws StripeException {
        return stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName(eventName)
                .setEventName(eventName).setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build())
                .setCustomerMapping(MeterCreateParams.CustomerMapping.builder().setEventPayloadKey(customerKey)
                        .setType(MeterCreateParams.CustomerMapping.Type.BY_ID).build())
                .setValueSettings(MeterCreateParams.ValueSettings.builder().setEventPayloadKey(valueKey).build())
                .build());
    }

    private static CustomerId customer() throws StripeException {
        return new CustomerId(stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId());
    }

    private static io.billingbridge.core.usage.Meter core(Meter m) {
        return meterEvents.activeMeters().stream().filter(x -> x.id().value().equals(m.getId())).findFirst().orElseThrow();
    }

    private static long total(CustomerId customer) throws StripeException {
        long start = (emulator.now() / 60 - 60) * 60;
        MeterEventSummary summary = stripe.v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.value()).setStartTime(start)
                        .setEndTime(start + 7200).build()).getData().get(0);
        return summary.getAggregatedValue().longValue();
    }

    @Test
    void listsActiveMetersWithTheirPayloadKeys() {
        assertThat(core(meter)).isEqualTo(new io.billingbridge.core.usage.Meter(new MeterId(meter.getId()),
                meter.getDisplayName(), meter.getEventName(), "stripe_customer_id", "value"));
        assertThat(core(unused)).isEqualTo(new io.billingbridge.core.usage.Meter(new MeterId(unused.getId()),
                unused.getDisplayName(), unused.getEventName(), "customer", "tokens"));
    }

    @Test
    void tellsTheMetersALiveSubscriptionsMeteredPricesChargeFor() {
        assertThat(meterEvents.meteredMeters(subscribed)).containsExactly(new MeterId(meter.getId()));
        assertThat(meterEvents.meteredMeters(unsubscribed)).isEmpty();
    }

    @Test
    void aResendWithTheSameIdentifierIsAlreadySentAndCountedOnce() throws StripeException {
        CustomerId customer = customer();
        Instant now = Instant.ofEpochSecond(emulator.now());
        MeterEvent event = new MeterEvent(core(meter), customer, 42, new UsageIdentifier("evt-" + suffix()), now);

        assertThat(meterEvents.send(event)).isEqualTo(new SendOutcome.Sent());
        assertThat(meterEvents.send(event)).isEqualTo(new SendOutcome.AlreadySent());
        assertThat(total(customer)).isEqualTo(42);
    }

    @Test
    void stripeFailingIsTryLaterAndARefusalIsFinalWithItsCode() {
        MeterEvent event = new MeterEvent(core(meter), subscribed, 1, new UsageIdentifier("evt-" + suffix()),
                Instant.ofEpochSecond(emulator.now()));
        emulator.failNextRequests(1, 503);
        assertThat(meterEvents.send(event)).isEqualTo(new SendOutcome.TryLater("server_error",
                java.util.Optional.empty()));
        emulator.failNextRequests(1, 429);
        assertThat(meterEvents.send(event)).isInstanceOfSatisfying(SendOutcome.TryLater.class,
                later -> assertThat(later.kind()).isEqualTo("rate_limited"));

        MeterEvent tooOld = new MeterEvent(core(meter), subscribed, 1, new UsageIdentifier("evt-" + suffix()),
                Instant.ofEpochSecond(emulator.now()).minusSeconds(36L * 86_400));
        assertThat(meterEvents.send(tooOld)).isInstanceOf(SendOutcome.Refused.class);
        MeterEvent noCustomer = new MeterEvent(core(meter), new CustomerId("cus_missing"), 1,
                new UsageIdentifier("evt-" + suffix()), Instant.ofEpochSecond(emulator.now()));
        assertThat(meterEvents.send(noCustomer)).isEqualTo(new SendOutcome.Refused("resource_missing"));
    }
}
