package io.billingbridge.console.service;

import java.util.Objects;

/** One subscription item of a search hit: the product's name and the subscription's status. */
public record PlanItem(String product, String status) {
    public PlanItem {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
    }
}
