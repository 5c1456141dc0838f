package io.billingbridge.stripe;

import com.stripe.exception.StripeException;
import com.stripe.model.HasId;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.catalog.Product;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.usage.MeterId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps stripe-java models to core values, tolerating the nulls Stripe's API allows. */
final class StripeMapping {

    private static final Logger LOG = LoggerFactory.getLogger(StripeMapping.class);
    private static final Pattern CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{1,64}");

    private StripeMapping() {
    }

    /** The core price, or empty when Stripe did not expand a live product for it. */
    static Optional<Price> price(com.stripe.model.Price price) {
        com.stripe.model.Product product = price.getProductObject();
        if (product == null || Boolean.TRUE.equals(product.getDeleted())) {
            LOG.warn("Stripe price {} has no live product: left out of the catalog", price.getId());
            return Optional.empty();
        }
        Optional<Price.Recurring> recurring = Optional.ofNullable(price.getRecurring()).map(r -> new Price.Recurring(
                r.getInterval(), r.getIntervalCount() == null ? 1 : r.getIntervalCount().intValue(),
                r.getUsageType() == null ? "licensed" : r.getUsageType(), Optional.ofNullable(r.getMeter())));
        return Optional.of(new Price(price.getId(), Optional.ofNullable(price.getLookupKey()),
                new Product(product.getId(), product.getName() == null ? product.getId() : product.getName(),
                        Boolean.TRUE.equals(product.getActive()), metadata(product.getMetadata())),
                price.getCurrency(), Optional.ofNullable(price.getUnitAmount()), recurring,
                Boolean.TRUE.equals(price.getActive()), metadata(price.getMetadata())));
    }

    /**
     * The core meter: its payload keys default to Stripe's ({@code stripe_customer_id}, {@code value}) and its display
     * name to its event name.
     *
     * @throws IllegalArgumentException when its id or event name is not one usage can be reported for
     */
    static io.billingbridge.core.usage.Meter meter(com.stripe.model.billing.Meter meter) {
        String eventName = Objects.requireNonNullElse(meter.getEventName(), "");
        return new io.billingbridge.core.usage.Meter(new MeterId(meter.getId()),
                Objects.requireNonNullElse(meter.getDisplayName(), eventName), eventName,
                meter.getCustomerMapping() == null || meter.getCustomerMapping().getEventPayloadKey() == null
                        ? "stripe_customer_id" : meter.getCustomerMapping().getEventPayloadKey(),
                meter.getValueSettings() == null || meter.getValueSettings().getEventPayloadKey() == null
                        ? "value" : meter.getValueSettings().getEventPayloadKey());
    }

    static CheckoutSession checkoutSession(Session session) {
        return new CheckoutSession(new CheckoutSessionId(session.getId()),
                Optional.ofNullable(session.getUrl()).map(URI::create),
                customerId(session.getCustomer()),
                Optional.ofNullable(session.getClientReferenceId()),
                session.getStatus() == null ? "unknown" : session.getStatus(),
                metadata(session.getMetadata()));
    }

    static Optional<CustomerId> customerId(String id) {
        return id != null && CUSTOMER.matcher(id).matches() ? Optional.of(new CustomerId(id)) : Optional.empty();
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        return metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    static Optional<Instant> instant(Long epochSeconds) {
        return Optional.ofNullable(epochSeconds).map(Instant::ofEpochSecond);
    }

    /** Every element of a list, reading further pages as needed; a failing page is translated like any call. */
    static <T extends HasId> List<T> all(String operation, StripeCollection<T> first) {
        List<T> out = new ArrayList<>();
        try {
            for (T item : first.autoPagingIterable()) {
                out.add(item);
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof StripeException stripeFailure) {
                throw StripeErrors.translate(operation, stripeFailure);
            }
            throw e;
        }
        return out;
    }
}
