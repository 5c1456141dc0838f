package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an admin token may do: every token may read; only a token with {@link #WRITE} may act. */
public enum AdminScope {
    /** Read accounts, webhook events, the audit log and the overview. */
    READ,
    /** Act: sync, relink, push a profile, retry a webhook event. */
    WRITE;

    private static final String RULE = "scopes must be 'read' or 'read,write'";

    /** The name in the database, the API and the command line, e.g. {@code write}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks a token's scopes: {@code read}, or {@code read} and {@code write}.
     *
     * @throws InvalidRequest for any other set
     */
    public static Set<AdminScope> requireValid(Set<AdminScope> scopes) {
        if (scopes == null || !scopes.contains(READ)) {
            throw new InvalidRequest("invalid_scopes", RULE, "scopes");
        }
        return Set.copyOf(scopes);
    }

    /**
     * Parses scopes written as a comma-separated list, e.g. {@code read,write}.
     *
     * @throws InvalidRequest when a name is unknown, repeated, or the set is not {@code read} or {@code read,write}
     */
    public static Set<AdminScope> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest("invalid_scopes", RULE, "scopes");
        }
        Set<AdminScope> scopes = EnumSet.noneOf(AdminScope.class);
        for (String name : text.split(",", -1)) {
            AdminScope scope = Arrays.stream(values()).filter(s -> s.wireName().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new InvalidRequest("invalid_scopes", RULE, "scopes"));
            if (!scopes.add(scope)) {
                throw new InvalidRequest("invalid_scopes", RULE, "scopes");
            }
        }
        return requireValid(scopes);
    }

    /** The scopes as stored and shown: {@code read} or {@code read,write}, in this enum's order. */
    public static String format(Set<AdminScope> scopes) {
        return Arrays.stream(values()).filter(scopes::contains).map(AdminScope::wireName)
                .collect(Collectors.joining(","));
    }
}
