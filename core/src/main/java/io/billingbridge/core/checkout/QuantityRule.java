package io.billingbridge.core.checkout;

import java.util.Optional;

/**
 * How many units a checkout buys: a fixed number, the buyer's choice within bounds, or one per organization member.
 *
 * <p>Read from the price's (or its product's) metadata {@code billing_bridge_quantity}: {@code 3}, {@code 1..10}
 * or {@code seats}.
 */
public sealed interface QuantityRule {

    /** Price or product metadata that sets the rule. */
    String METADATA_KEY = "billing_bridge_quantity";

    /** Always this many. */
    record Fixed(long quantity) implements QuantityRule {
        public Fixed {
            if (quantity < 1) {
                throw new IllegalArgumentException("a fixed quantity is at least 1");
            }
        }
    }

    /** The buyer chooses, within bounds. */
    record Chosen(long min, long max) implements QuantityRule {
        public Chosen {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("quantity bounds must satisfy 1 <= min <= max");
            }
        }
    }

    /** One per member of the organization, kept in step when members come and go. */
    record Seats() implements QuantityRule {
    }

    /**
     * Parses the metadata value.
     *
     * @throws IllegalArgumentException when the value is not one of the three forms
     */
    static QuantityRule parse(String value) {
        String v = value.trim();
        if (v.equals("seats")) {
            return new Seats();
        }
        int dots = v.indexOf("..");
        try {
            if (dots > 0) {
                return new Chosen(Long.parseLong(v.substring(0, dots).trim()), Long.parseLong(v.substring(dots + 2).trim()));
            }
            return new Fixed(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("billing_bridge_quantity is 'seats', a number, or 'min..max'");
        }
    }

    /** The rule a metadata value sets, or the fallback when none is set. */
    static QuantityRule of(Optional<String> metadataValue, QuantityRule fallback) {
        return metadataValue.map(QuantityRule::parse).orElse(fallback);
    }
}
