package io.billingbridge.console.service;

import java.util.Objects;

/** Who pays: a {@code user} or an {@code organization}, by Clerk id. */
public record Owner(String type, String id) {
    public Owner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!type.equals("user") && !type.equals("organization")) {
            throw new IllegalArgumentException("owner type must be user or organization, not " + type);
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("owner id must not be blank");
        }
    }

    /** The owner as support staff write it: {@code user:user_123}. */
    public String key() {
        return type + ":" + id;
    }
}
