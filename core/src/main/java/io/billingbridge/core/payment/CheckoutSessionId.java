package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe Checkout Session id such as {@code cs_test_a1B2c3}. */
public record CheckoutSessionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("cs_[A-Za-z0-9_]{1,200}");

    public CheckoutSessionId {
        Objects.requireNonNull(value, "checkout session id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a Stripe Checkout Session id looks like cs_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
