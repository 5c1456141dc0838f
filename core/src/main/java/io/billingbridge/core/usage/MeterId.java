package io.billingbridge.core.usage;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe billing meter id such as {@code mtr_61Q8...}. */
public record MeterId(String value) {
    private static final Pattern SHAPE = Pattern.compile("mtr_[A-Za-z0-9]{1,64}");

    public MeterId {
        Objects.requireNonNull(value, "meter id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a Stripe meter id looks like mtr_<letters and digits>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
