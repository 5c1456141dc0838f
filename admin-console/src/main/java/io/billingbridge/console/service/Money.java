package io.billingbridge.console.service;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/** An amount in the currency's smallest unit (cents for USD). */
public record Money(long amount, String currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** The amount for people: {@code 12.00 USD}. */
    public String formatted() {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(amount, digits).toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
    }
}
