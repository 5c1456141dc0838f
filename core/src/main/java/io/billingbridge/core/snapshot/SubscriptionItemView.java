package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a subscription: which price, how many, and its current period.
 *
 * @param quantityRule the price's (else its product's) {@code billing_bridge_quantity} metadata, which says whether
 *     the line is seat-based; read from the subscription itself, so it holds for archived prices too
 */
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
        Optional<Instant> currentPeriodEnd,
        Optional<String> quantityRule) {

    public SubscriptionItemView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
        quantityRule = quantityRule == null ? Optional.empty() : quantityRule;
    }
}
