package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe invoice id such as {@code in_1MtHbELkdIwHu7ixl4OzzPMv}. */
public record InvoiceId(String value) {
    private static final Pattern SHAPE = Pattern.compile("in_[A-Za-z0-9_]{1,250}");

    public InvoiceId {
        Objects.requireNonNull(value, "invoice id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a Stripe invoice id looks like in_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
