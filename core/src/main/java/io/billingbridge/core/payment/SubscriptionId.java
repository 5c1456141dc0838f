package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe subscription id such as {@code sub_1MowQVLkdIwHu7ix}. */
public record SubscriptionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("sub_[A-Za-z0-9_]{1,250}");

    public SubscriptionId {
        Objects.requireNonNull(value, "subscription id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a Stripe subscription id looks like sub_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
