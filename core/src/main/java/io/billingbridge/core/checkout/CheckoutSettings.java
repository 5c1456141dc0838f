package io.billingbridge.core.checkout;

import java.util.Objects;
import java.util.Optional;

/**
 * YAML-level checkout behaviour.
 *
 * @param defaultQuantity the quantity rule for prices whose metadata sets none
 * @param trialDays free trial for subscriptions, unless the price's metadata {@code billing_bridge_trial_days} says otherwise
 * @param automaticTax ask Stripe Tax to compute tax
 * @param allowPromotionCodes show the promotion code field
 */
public record CheckoutSettings(QuantityRule defaultQuantity, Optional<Integer> trialDays, boolean automaticTax,
        boolean allowPromotionCodes) {

    /** Price or product metadata that sets a trial length in days. */
    public static final String TRIAL_DAYS_KEY = "billing_bridge_trial_days";

    public CheckoutSettings {
        Objects.requireNonNull(defaultQuantity, "defaultQuantity");
        Objects.requireNonNull(trialDays, "trialDays");
    }

    /** One unit, no trial, no tax, no promotion codes. */
    public static CheckoutSettings defaults() {
        return new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false, false);
    }
}
