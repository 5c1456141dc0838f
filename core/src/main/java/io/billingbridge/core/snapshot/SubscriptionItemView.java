package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of a subscription: which price, how many, and its current period. */
public record SubscriptionItemView(
        String id,
        String priceId,
        Optional<String> lookupKey,
        String productId,
        String productName,
        long quantity,
        Optional<Money> unitAmount,
        Optional<String> interval,
        Optional<Instant> currentPeriodStart,
        Optional<Instant> currentPeriodEnd) {

    public SubscriptionItemView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
    }
}
