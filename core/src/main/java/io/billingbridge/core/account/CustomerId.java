package io.billingbridge.core.account;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe customer id such as {@code cus_NffrFeUfNV2Hib}. */
public record CustomerId(String value) {
    private static final Pattern SHAPE = Pattern.compile("cus_[A-Za-z0-9]{1,64}");

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a Stripe customer id looks like cus_<letters and digits>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
