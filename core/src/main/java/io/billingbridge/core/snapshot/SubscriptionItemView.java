package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a subscription: which price, how many, and its current period.
 *
 * @param quantityRule the price's (else its product's) {@code billing_bridge_quantity} metadata, which says whether
 *     the line is seat-based; read from the subscription itself, so it holds for archived prices too
 * @param productGroup the product's {@code billing_bridge_group} metadata, which checkout's one-subscription-per-group
 *     rule reads; empty when the product has none (or the snapshot was stored before it was kept)
 * @param meter the Stripe billing meter of a metered price ({@code recurring.usage_type=metered}); empty for a
 *     licensed one. A metered item has no quantity at Stripe: {@code quantity} is then 1 and means nothing
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
        Optional<String> quantityRule,
        Optional<String> productGroup,
        Optional<String> meter) {

    public SubscriptionItemView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
        quantityRule = quantityRule == null ? Optional.empty() : quantityRule;
        productGroup = productGroup == null ? Optional.empty() : productGroup;
        meter = meter == null ? Optional.empty() : meter;
    }

    /** A licensed item (no meter). */
    public SubscriptionItemView(String id, String priceId, Optional<String> lookupKey, String productId,
            String productName, long quantity, Optional<Money> unitAmount, Optional<String> interval,
            Optional<Instant> currentPeriodStart, Optional<Instant> currentPeriodEnd, Optional<String> quantityRule,
            Optional<String> productGroup) {
        this(id, priceId, lookupKey, productId, productName, quantity, unitAmount, interval, currentPeriodStart,
                currentPeriodEnd, quantityRule, productGroup, Optional.empty());
    }

    /** True for a line charged by usage reported to a meter: it has no quantity, seats never change it. */
    public boolean metered() {
        return meter.isPresent();
    }

    /** An item without a known product group. */
    public SubscriptionItemView(String id, String priceId, Optional<String> lookupKey, String productId,
            String productName, long quantity, Optional<Money> unitAmount, Optional<String> interval,
            Optional<Instant> currentPeriodStart, Optional<Instant> currentPeriodEnd, Optional<String> quantityRule) {
        this(id, priceId, lookupKey, productId, productName, quantity, unitAmount, interval, currentPeriodStart,
                currentPeriodEnd, quantityRule, Optional.empty(), Optional.empty());
    }
}
