package io.billingbridge.core.checkout;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a checkout is opened with, beyond the price: decided by the {@link CheckoutPlan} hook.
 *
 * @param quantity the units of a licensed price; 1 for a metered price, which is sent without one
 * @param meteredAddOns the metered prices (ids or lookup keys) this price may be bought with; a checkout adds them
 *     all unless the request names some of them
 */
public record CheckoutTerms(long quantity, Optional<Integer> trialDays, boolean automaticTax,
        boolean allowPromotionCodes, Map<String, String> metadata, List<String> meteredAddOns) {

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
        meteredAddOns = List.copyOf(meteredAddOns);
    }

    /** Terms without metered add-ons: a hook that rebuilds the default terms passes their add-ons on to keep them. */
    public CheckoutTerms(long quantity, Optional<Integer> trialDays, boolean automaticTax,
            boolean allowPromotionCodes, Map<String, String> metadata) {
        this(quantity, trialDays, automaticTax, allowPromotionCodes, metadata, List.of());
    }
}
