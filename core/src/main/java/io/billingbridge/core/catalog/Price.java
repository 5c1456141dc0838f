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

    /**
     * A recurring price's interval: {@code month} every {@code 1}, and how usage is counted.
     *
     * @param usageType {@code licensed} (a quantity bought up front) or {@code metered} (usage reported to a meter)
     * @param meter the Stripe billing meter a metered price charges for, e.g. {@code mtr_123}; empty for licensed ones
     */
    public record Recurring(String interval, int intervalCount, String usageType, Optional<String> meter) {
        public Recurring {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(usageType, "usageType");
            Objects.requireNonNull(meter, "meter");
        }

        /** A licensed interval, charged per quantity. */
        public static Recurring licensed(String interval, int intervalCount) {
            return new Recurring(interval, intervalCount, "licensed", Optional.empty());
        }

        /** True for usage reported to a meter and charged at the period's end; checkout sends no quantity. */
        public boolean metered() {
            return "metered".equals(usageType);
        }
    }

    /** True for subscription prices, false for one-time purchases. */
    public boolean isRecurring() {
        return recurring.isPresent();
    }

    /** True for a recurring price charged by reported usage. */
    public boolean isMetered() {
        return recurring.map(Recurring::metered).orElse(false);
    }

    /** A setting from the price's metadata, falling back to its product's. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(metadata.get(key)).or(() -> Optional.ofNullable(product.metadata().get(key)));
    }
}
