package io.billingbridge.core.admin;

import java.util.Objects;

/**
 * One subscription item of an account's stored snapshot, as a search lists it.
 *
 * @param product the product's name
 * @param status the status of the subscription the item belongs to, e.g. {@code active}
 */
public record PlanLine(String product, String status) {
    public PlanLine {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
    }
}
