package io.billingbridge.core.checkout;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a checkout is opened with, beyond the price: decided by the {@link CheckoutPlan} hook. */
public record CheckoutTerms(long quantity, Optional<Integer> trialDays, boolean automaticTax,
        boolean allowPromotionCodes, Map<String, String> metadata) {

    public CheckoutTerms {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        Objects.requireNonNull(trialDays, "trialDays");
        trialDays.ifPresent(days -> {
            if (days < 1 || days > 730) {
                throw new IllegalArgumentException("trial days must be between 1 and 730 (Stripe's limits)");
            }
        });
        metadata = Map.copyOf(metadata);
    }
}
