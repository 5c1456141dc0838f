package io.billingbridge.http.api;

import io.billingbridge.core.snapshot.LineItemView;
import java.util.Objects;

/** What one line of a purchase bought: description, quantity and total. */
public record LineItem(String description, long quantity, Money amount) {
    public LineItem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
    }

    public static LineItem of(LineItemView l) {
        return new LineItem(l.description(), l.quantity(), Money.of(l.amount()));
    }
}
