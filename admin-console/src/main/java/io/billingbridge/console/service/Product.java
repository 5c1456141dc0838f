package io.billingbridge.console.service;

import java.util.Objects;

/** A Stripe product, by id and name. */
public record Product(String id, String name) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
