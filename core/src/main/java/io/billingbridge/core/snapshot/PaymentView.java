package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A one-time payment (a payment intent outside any invoice) in the purchase history. */
public record PaymentView(String id, Money amount, String status, Instant created, Optional<String> description) {
    public PaymentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }
}
