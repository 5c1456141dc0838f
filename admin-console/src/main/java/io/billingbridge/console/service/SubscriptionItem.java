package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One price on a subscription, with its quantity and current period; the nullable fields are null when Stripe
 * has no value.
 */
public record SubscriptionItem(String id, String price, String lookupKey, Product product, long quantity,
        Money unitAmount, String interval, Instant currentPeriodStart, Instant currentPeriodEnd) {
    public SubscriptionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(product, "product");
    }
}
