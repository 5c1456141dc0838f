package io.billingbridge.http.api;

import java.util.Objects;

/** An amount in the currency's smallest unit (cents for USD). */
public record Money(long amount, String currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(io.billingbridge.core.snapshot.Money money) {
        return new Money(money.amount(), money.currency());
    }
}
