package io.billingbridge.http.api;

import io.billingbridge.core.admin.PlanLine;
import java.util.Objects;

/**
 * One subscription item of an account's stored snapshot, in a search hit.
 *
 * @param product the product's name, e.g. {@code Pro}
 * @param status the Stripe status of the item's subscription, e.g. {@code active} or {@code past_due}
 */
public record PlanEntry(String product, String status) {
    public PlanEntry {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
    }

    public static PlanEntry of(PlanLine line) {
        return new PlanEntry(line.product(), line.status());
    }
}
