package io.billingbridge.core.owner;

import java.util.Arrays;
import java.util.Optional;

/** The two kinds of owner a Stripe customer can belong to, with their wire names. */
public enum OwnerType {
    USER("user"),
    ORGANIZATION("organization");

    private final String wireName;

    OwnerType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the HTTP API, the database and Stripe metadata. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; empty when it names no owner type. */
    public static Optional<OwnerType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
