package io.billingbridge.demo;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.CheckoutSection;
import io.billingbridge.server.StartupProblem;
import java.util.List;
import java.util.Map;

/**
 * The demo's usage-based add-on: an "API requests" meter and a metered price for it, bought with the Team plan
 * (through {@code billing.checkout.meteredAddOns}, unless the configuration names add-ons of its own). Usage is
 * reported to the emulator by a backend (event {@value #EVENT_NAME}, e.g. with stripe-java or {@code curl}), never
 * by the demo page, which only reads it.
 */
final class DemoMeteredAddOn {
    /** The meter event name a backend reports API requests under. */
    static final String EVENT_NAME = "api_request";
    /** The lookup key of the metered price. */
    static final String PRICE = "api_requests_monthly";
    /** The plan the add-on is bought with. */
    static final String BASE = "team_monthly";
    /** One cent per request. */
    private static final long UNIT_AMOUNT = 1;

    private DemoMeteredAddOn() {
    }

    /** Creates the meter and its price on the sandbox's emulator, and lists the price as the base plan's add-on. */
    static Meter seed(DemoSandbox sandbox, CheckoutSection checkout) {
        StripeClient stripe = StripeClient.builder().setApiKey(DemoSandbox.STRIPE_KEY)
                .setApiBase(sandbox.stripe().baseUrl()).build();
        Meter meter;
        try {
            meter = stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("API requests")
                    .setEventName(EVENT_NAME).setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                            .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build()).build());
            String product = stripe.v1().products().create(ProductCreateParams.builder().setName("API requests")
                    .setDescription("Billed by usage, with the Team plan")
                    .putMetadata("billing_bridge_owner_types", "organization").build()).getId();
            stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product).setCurrency("usd")
                    .setUnitAmount(UNIT_AMOUNT).setLookupKey(PRICE).setRecurring(PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId())
                            .build()).build());
        } catch (StripeException e) {
            throw new StartupProblem("the demo's metered add-on could not be created on the Stripe emulator: "
                    + e.getMessage());
        }
        if (checkout.meteredAddOns().isEmpty()) {
            checkout.setMeteredAddOns(Map.of(BASE, List.of(PRICE)));
        }
        return meter;
    }
}
