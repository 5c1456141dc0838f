package io.billingbridge.core.payment;

import io.billingbridge.core.snapshot.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * One line item of a Checkout Session: what to fulfil.
 *
 * @param product the price's product id
 * @param amount the line's total after discounts
 */
public record PurchasedItem(PriceId price, Optional<String> product, long quantity, Money amount) {
    public PurchasedItem {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(amount, "amount");
        if (quantity < 0) {
            throw new IllegalArgumentException("a quantity cannot be negative");
        }
    }
}
