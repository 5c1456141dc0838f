package io.billingbridge.core.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Stripe Price with its Product; Billing Bridge uses Stripe's catalog as it is.
 *
 * @param unitAmount the amount in the currency's smallest unit; empty for tiered or custom prices
 * @param recurring the billing interval for subscription prices; empty for one-time prices
 */
public record Price(
        String id,
        Optional<String> lookupKey,
        Product product,
        String currency,
        Optional<Long> unitAmount,
        Optional<Recurring> recurring,
        boolean active,
        Map<String, String> metadata) {

    public Price {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(recurring, "recurring");
        metadata = Map.copyOf(metadata);
    }

    /** A recurring price's interval: {@code month} every {@code 1}, and how usage is counted. */
    public record Recurring(String interval, int intervalCount, String usageType) {
        public Recurring {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(usageType, "usageType");
        }
    }

    /** True for subscription prices, false for one-time purchases. */
    public boolean isRecurring() {
        return recurring.isPresent();
    }

    /** A setting from the price's metadata, falling back to its product's. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(metadata.get(key)).or(() -> Optional.ofNullable(product.metadata().get(key)));
    }
}
