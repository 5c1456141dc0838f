package io.billingbridge.core.checkout;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * YAML-level checkout behaviour.
 *
 * @param defaultQuantity the quantity rule for prices whose metadata sets none
 * @param trialDays free trial for subscriptions, unless the price's metadata {@code billing_bridge_trial_days} says otherwise
 * @param automaticTax ask Stripe Tax to compute tax
 * @param allowPromotionCodes show the promotion code field
 * @param meteredAddOns per base price (id or lookup key), the metered prices (ids or lookup keys) a checkout of it
 *     adds, unless the price's metadata {@code billing_bridge_metered_add_ons} says otherwise
 */
public record CheckoutSettings(QuantityRule defaultQuantity, Optional<Integer> trialDays, boolean automaticTax,
        boolean allowPromotionCodes, Map<String, List<String>> meteredAddOns) {

    /** Price or product metadata that sets a trial length in days. */
    public static final String TRIAL_DAYS_KEY = "billing_bridge_trial_days";
    /** Price or product metadata listing a base price's metered add-ons: ids or lookup keys, comma-separated. */
    public static final String METERED_ADD_ONS_KEY = "billing_bridge_metered_add_ons";

    public CheckoutSettings {
        Objects.requireNonNull(defaultQuantity, "defaultQuantity");
        Objects.requireNonNull(trialDays, "trialDays");
        meteredAddOns = meteredAddOns.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** Settings without metered add-ons in YAML. */
    public CheckoutSettings(QuantityRule defaultQuantity, Optional<Integer> trialDays, boolean automaticTax,
            boolean allowPromotionCodes) {
        this(defaultQuantity, trialDays, automaticTax, allowPromotionCodes, Map.of());
    }

    /** One unit, no trial, no tax, no promotion codes. */
    public static CheckoutSettings defaults() {
        return new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false, false);
    }
}
