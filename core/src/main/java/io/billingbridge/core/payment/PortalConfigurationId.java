package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Stripe Billing Portal configuration id such as {@code bpc_1MrnZsLkdIwHu7ixNiQL1xPM}. */
public record PortalConfigurationId(String value) {
    private static final Pattern SHAPE = Pattern.compile("bpc_[A-Za-z0-9_]{1,250}");

    public PortalConfigurationId {
        Objects.requireNonNull(value, "portal configuration id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a Stripe portal configuration id looks like bpc_<letters, digits and underscores>");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
