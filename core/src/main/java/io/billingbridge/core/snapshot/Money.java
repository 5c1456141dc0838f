package io.billingbridge.core.snapshot;

import java.util.Objects;

/** An amount in a currency's smallest unit, as Stripe reports it ({@code 1999 usd} is $19.99). */
public record Money(long amount, String currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }
}
