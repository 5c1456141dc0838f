package io.billingbridge.console.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A saved payment method of the owner; card fields are null for other types. */
public record PaymentMethod(String id, String type, String brand, String last4, Integer expMonth, Integer expYear,
        @JsonProperty("default") boolean isDefault) {
    public PaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** The card as people read it: {@code visa •••• 4242, 12/2030}; the type for other methods. */
    public String summary() {
        if (last4 == null) {
            return type;
        }
        String card = (brand == null ? type : brand) + " •••• " + last4;
        return expMonth == null || expYear == null ? card : card + ", " + expMonth + "/" + expYear;
    }
}
