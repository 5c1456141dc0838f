package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Checkout Session with its line items, as Stripe reports it when asked after {@code checkout.session.completed}.
 *
 * @param complete whether Stripe reports it {@code complete}
 */
public record CheckoutDetails(CheckoutSessionId id, Optional<CustomerId> customer, CheckoutMode mode,
        boolean complete, List<PurchasedItem> lineItems) {
    public CheckoutDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(mode, "mode");
        lineItems = List.copyOf(lineItems);
    }
}
