package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/** A payment by the owner (a Stripe PaymentIntent); {@code description} is null when none. */
public record Payment(String id, Money amount, String status, Instant created, String description) {
    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }
}
