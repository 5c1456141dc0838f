package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One price on a subscription, with its quantity and current period.
 *
 * @param meter the billing meter of a metered price, whose usage is charged at the period's end; its quantity is then
 *     1 and means nothing (Stripe keeps none)
 */
public record SubscriptionItem(String id, String price, Optional<String> lookupKey, Product product, long quantity,
        Optional<Money> unitAmount, Optional<String> interval,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> currentPeriodStart,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> currentPeriodEnd, Optional<String> meter) {
    public SubscriptionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(currentPeriodStart, "currentPeriodStart");
        Objects.requireNonNull(currentPeriodEnd, "currentPeriodEnd");
        Objects.requireNonNull(meter, "meter");
    }

    public static SubscriptionItem of(SubscriptionItemView i) {
        return new SubscriptionItem(i.id(), i.priceId(), i.lookupKey(), new Product(i.productId(), i.productName()),
                i.quantity(), i.unitAmount().map(Money::of), i.interval(), i.currentPeriodStart(),
                i.currentPeriodEnd(), i.meter());
    }
}
