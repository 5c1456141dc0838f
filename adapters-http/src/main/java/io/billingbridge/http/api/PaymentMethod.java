package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.core.snapshot.PaymentMethodView;
import java.util.Objects;
import java.util.Optional;

/** A saved payment method of the owner; card details only for cards, {@code default} for the customer's default. */
public record PaymentMethod(String id, String type, Optional<String> brand, Optional<String> last4,
        Optional<Integer> expMonth, Optional<Integer> expYear, @JsonProperty("default") boolean isDefault) {
    public PaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(last4, "last4");
        Objects.requireNonNull(expMonth, "expMonth");
        Objects.requireNonNull(expYear, "expYear");
    }

    public static PaymentMethod of(PaymentMethodView p) {
        return new PaymentMethod(p.id(), p.type(), p.brand(), p.last4(), p.expMonth(), p.expYear(), p.isDefault());
    }
}
