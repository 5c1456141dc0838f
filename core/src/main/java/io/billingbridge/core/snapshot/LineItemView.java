package io.billingbridge.core.snapshot;

import java.util.Objects;

/** One line of what a one-time purchase bought: its description, how many, and its total. */
public record LineItemView(String description, long quantity, Money amount) {
    public LineItemView {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
    }
}
