package io.billingbridge.core.admin;

import java.util.Arrays;
import java.util.Optional;

/** How well an account matches a support search, best first; each account is listed once, in its best tier. */
public enum MatchTier {
    /** The owner id or the customer id equals the search text, or the email does ignoring case. */
    EXACT("exact"),
    /** The owner id, customer id, email or name starts with the search text, ignoring case. */
    PREFIX("prefix"),
    /** The name or the email contains the search text, ignoring case (only for 3 characters or more). */
    CONTAINS("contains");

    private final String wireName;

    MatchTier(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the admin API and in search cursors. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; empty when it names no tier. */
    public static Optional<MatchTier> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
