package io.billingbridge.core.payment;

import java.util.Arrays;
import java.util.Optional;

/** What Stripe does when a trial started without a payment method ends and still has none. */
public enum TrialEndBehavior {
    /** The subscription is canceled. */
    CANCEL("cancel"),
    /** The subscription is paused until a payment method is added. */
    PAUSE("pause"),
    /** An invoice is opened and the subscription goes past due. */
    CREATE_INVOICE("create_invoice");

    private final String wireName;

    TrialEndBehavior(String wireName) {
        this.wireName = wireName;
    }

    /** The name Stripe and the YAML use, such as {@code create_invoice}. */
    public String wireName() {
        return wireName;
    }

    /** The behaviour with this wire name, if any. */
    public static Optional<TrialEndBehavior> fromWireName(String name) {
        return Arrays.stream(values()).filter(b -> b.wireName.equals(name)).findFirst();
    }
}
