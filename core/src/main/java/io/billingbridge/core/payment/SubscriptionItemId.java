package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe subscription item id such as {@code si_NcLYdDxLHxlFo7}. */
public record SubscriptionItemId(String value) {
    private static final Pattern SHAPE = Pattern.compile("si_[A-Za-z0-9_]{1,250}");

    public SubscriptionItemId {
        Objects.requireNonNull(value, "subscription item id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a Stripe subscription item id looks like si_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
