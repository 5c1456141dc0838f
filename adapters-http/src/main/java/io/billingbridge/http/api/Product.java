package io.billingbridge.http.api;

import java.util.Objects;

/** A Stripe Product, by id and name. */
public record Product(String id, String name) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
