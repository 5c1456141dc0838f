package io.billingbridge.core.appkey;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What an application key may do on the server-to-server API; a key holds one or both. */
public enum AppKeyScope {
    /** Report usage for an owner named by the application's backend. */
    USAGE_WRITE("usage:write"),
    /** Read an owner's billing from the application's backend. */
    BILLING_READ("billing:read");

    private static final String RULE = "scopes are one or both of 'usage:write' and 'billing:read', comma-separated";

    private final String wireName;

    AppKeyScope(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the database, the API and the command line, e.g. {@code usage:write}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Checks a key's scopes: a non-empty set.
     *
     * @throws InvalidRequest when the set is empty
     */
    public static Set<AppKeyScope> requireValid(Set<AppKeyScope> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidRequest("invalid_scopes", RULE, "scopes");
        }
        return Set.copyOf(scopes);
    }

    /**
     * Parses scopes written as a comma-separated list, e.g. {@code usage:write,billing:read}.
     *
     * @throws InvalidRequest when a name is unknown or repeated, or the list is empty
     */
    public static Set<AppKeyScope> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest("invalid_scopes", RULE, "scopes");
        }
        Set<AppKeyScope> scopes = EnumSet.noneOf(AppKeyScope.class);
        for (String name : text.split(",", -1)) {
            AppKeyScope scope = Arrays.stream(values()).filter(s -> s.wireName.equals(name.trim())).findFirst()
                    .orElseThrow(() -> new InvalidRequest("invalid_scopes", "unknown scope '" + name.trim()
                            + "': " + RULE, "scopes"));
            if (!scopes.add(scope)) {
                throw new InvalidRequest("invalid_scopes", "scope '" + name.trim() + "' is repeated: " + RULE,
                        "scopes");
            }
        }
        return requireValid(scopes);
    }

    /** The scopes as stored and shown, in this enum's order, e.g. {@code usage:write,billing:read}. */
    public static String format(Set<AppKeyScope> scopes) {
        return Arrays.stream(values()).filter(scopes::contains).map(AppKeyScope::wireName)
                .collect(Collectors.joining(","));
    }
}
