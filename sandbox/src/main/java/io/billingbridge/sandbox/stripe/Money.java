package io.billingbridge.sandbox.stripe;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Formats amounts in a currency's minor unit for humans, as the hosted pages and line descriptions show them. */
final class Money {

    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
            "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    private Money() {
    }

    static String format(long minorUnits, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(currency.toLowerCase(Locale.ROOT))) {
            return code + " " + minorUnits;
        }
        return code + " " + BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }
}
