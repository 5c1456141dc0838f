package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.snapshot.PaymentView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment by the owner (a Stripe PaymentIntent), with Stripe's status.
 *
 * @param description the payment's description, else what a Checkout purchase bought
 * @param lineItems what was bought, for a Checkout purchase
 */
public record Payment(String id, Money amount, String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, Optional<String> description,
        List<LineItem> lineItems) {
    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(description, "description");
        lineItems = List.copyOf(lineItems);
    }

    public static Payment of(PaymentView p) {
        return new Payment(p.id(), Money.of(p.amount()), p.status(), p.created(), p.description(),
                p.lineItems().stream().map(LineItem::of).toList());
    }
}
