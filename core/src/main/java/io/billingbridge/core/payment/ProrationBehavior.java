package io.billingbridge.core.payment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How Stripe settles a plan change made now: prorations left for the next invoice, invoiced at once, or none. */
public enum ProrationBehavior {
    CREATE_PRORATIONS,
    ALWAYS_INVOICE,
    NONE;

    /** The name Stripe and our configuration use, such as {@code always_invoice}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The behaviour with this wire name, if it is one. */
    public static Optional<ProrationBehavior> fromWireName(String name) {
        return Arrays.stream(values()).filter(b -> b.wireName().equals(name)).findFirst();
    }
}
