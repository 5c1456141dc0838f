package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe price id such as {@code price_1MowQVLkdIwHu7ix}. */
public record PriceId(String value) {
    private static final Pattern SHAPE = Pattern.compile("price_[A-Za-z0-9_]{1,250}");

    public PriceId {
        Objects.requireNonNull(value, "price id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a Stripe price id looks like price_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
