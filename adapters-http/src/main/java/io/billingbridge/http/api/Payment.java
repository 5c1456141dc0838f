package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.snapshot.PaymentView;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A payment by the owner (a Stripe PaymentIntent), with Stripe's status. */
public record Payment(String id, Money amount, String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, Optional<String> description) {
    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(description, "description");
    }

    public static Payment of(PaymentView p) {
        return new Payment(p.id(), Money.of(p.amount()), p.status(), p.created(), p.description());
    }
}
