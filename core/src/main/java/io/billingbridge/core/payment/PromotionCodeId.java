package io.billingbridge.core.payment;

import java.util.Objects;

/** A Stripe promotion code id ({@code promo_...}), as opposed to the code a customer types. */
public record PromotionCodeId(String value) {
    public PromotionCodeId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("promo_")) {
            throw new IllegalArgumentException("not a promotion code id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
