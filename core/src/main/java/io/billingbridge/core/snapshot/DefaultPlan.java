package io.billingbridge.core.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plan an owner has with no live subscription (a free plan): its name and the entitlement lookup keys it grants.
 *
 * @param name empty when the application has no such plan (then the access state names no plan)
 */
public record DefaultPlan(Optional<String> name, List<String> entitlements) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

    public DefaultPlan {
        Objects.requireNonNull(name, "name");
        name = name.map(String::strip).filter(n -> !n.isEmpty());
        name.ifPresent(n -> {
            if (n.length() > 80) {
                throw new IllegalArgumentException("the default plan's name is at most 80 characters");
            }
        });
        entitlements = List.copyOf(entitlements);
        for (String key : entitlements) {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("'" + key + "' is not an entitlement lookup key (1-80 letters,"
                        + " digits, '_', '.', ':' or '-')");
            }
        }
    }
}
