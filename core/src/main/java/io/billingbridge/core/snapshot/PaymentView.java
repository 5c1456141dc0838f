package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time payment (a payment intent outside any invoice) in the purchase history.
 *
 * @param lineItems what was bought, when known (the Checkout Session's line items)
 */
public record PaymentView(String id, Money amount, String status, Instant created, Optional<String> description,
        List<LineItemView> lineItems) {
    public PaymentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    /** A payment whose line items are not known. */
    public PaymentView(String id, Money amount, String status, Instant created, Optional<String> description) {
        this(id, amount, status, created, description, List.of());
    }
}
