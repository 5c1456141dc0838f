package io.billingbridge.core.snapshot;

import java.util.Objects;
import java.util.Optional;

/** A saved payment method, reduced to what a person needs to recognise it: never more than brand, last4, expiry. */
public record PaymentMethodView(String id, String type, Optional<String> brand, Optional<String> last4,
        Optional<Integer> expMonth, Optional<Integer> expYear, boolean isDefault) {

    public PaymentMethodView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
