package io.billingbridge.core.catalog;

import java.util.Map;
import java.util.Objects;

/** A Stripe Product, as far as billing needs it. */
public record Product(String id, String name, boolean active, Map<String, String> metadata) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        metadata = Map.copyOf(metadata);
    }
}
