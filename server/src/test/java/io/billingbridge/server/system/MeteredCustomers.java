package io.billingbridge.server.system;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.checkout.OwnerMetadata;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiBillingAccounts;
import java.time.Instant;
import java.util.UUID;

/**
 * Stripe billing meters, metered prices and owners subscribed to them, made directly in the system's Stripe emulator
 * through stripe-java (as a business sets them up in Stripe), with each owner linked to its customer in the database.
 */
final class MeteredCustomers {
    private final SystemUnderTest system;
    private final StripeClient stripe;
    private final JdbiBillingAccounts accounts;

    MeteredCustomers(SystemUnderTest system) {
        this.system = system;
        this.stripe = SystemFixtures.stripe(system);
        this.accounts = new JdbiBillingAccounts(Databases.jdbi(system.database()));
    }

    StripeClient stripe() {
        return stripe;
    }

    /** A summing meter with a fresh event name starting with {@code prefix}. */
    Meter meter(String prefix) {
        String eventName = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return call(() -> stripe.v1().billing().meters().create(MeterCreateParams.builder()
                .setDisplayName(eventName).setEventName(eventName)
                .setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build())
                .build()));
    }

    /** A monthly metered price on the meter, {@code unitAmount} cents per unit. */
    Price meteredPrice(Meter meter, long unitAmount) {
        Product product = call(() -> stripe.v1().products().create(ProductCreateParams.builder()
                .setName("Usage of " + meter.getEventName()).build()));
        return call(() -> stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(unitAmount).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId()).build())
                .build()));
    }

    /** A new Clerk user with a Stripe customer (with the owner's metadata) linked to it in the database. */
    CustomerId customer(Owner owner) {
        system.newUser(owner.id(), "Metered");
        CustomerId customer = new CustomerId(call(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putAllMetadata(OwnerMetadata.of(owner)).build())).getId());
        accounts.reserve(owner, Instant.now());
        accounts.link(owner, customer, CustomerProfile.empty(), Instant.now());
        return customer;
    }

    /** Subscribes the customer to the price through a completed Checkout session. */
    Subscription subscribe(CustomerId customer, Price price) {
        Session session = call(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer.value())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).build())
                .setSuccessUrl(SystemUnderTest.ORIGIN + "/ok").setCancelUrl(SystemUnderTest.ORIGIN + "/no")
                .build()));
        system.sandbox().stripe().completeCheckout(session.getId(), "4242424242424242");
        return call(() -> stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(session.getId()).getSubscription()));
    }

    /** A stripe-java call that the test expects to succeed. */
    interface StripeCall<T> {
        T run() throws StripeException;
    }

    static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw new AssertionError("Stripe call failed: " + e.getMessage(), e);
        }
    }
}
