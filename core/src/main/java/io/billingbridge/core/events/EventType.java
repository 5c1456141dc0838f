package io.billingbridge.core.events;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of event Billing Bridge sends to the application's endpoints. */
public enum EventType {
    /** An owner's plan, access state or entitlements changed. */
    BILLING_UPDATED("billing.updated");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name receivers see in the payload's {@code type}, e.g. {@code billing.updated}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if there is one. */
    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
