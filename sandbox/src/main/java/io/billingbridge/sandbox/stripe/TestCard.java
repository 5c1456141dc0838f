package io.billingbridge.sandbox.stripe;

import java.util.Locale;
import java.util.Map;

/**
 * Stripe's test card numbers the emulator understands.
 *
 * @param number the card number, digits only
 * @param brand card brand as Stripe names it
 * @param funding {@code credit} or {@code debit}
 * @param declines whether a charge on this card is declined (4000 0000 0000 0341 attaches to a customer through the
 *     API and then fails every charge, as Stripe's {@code pm_card_chargeCustomerFail})
 * @param authenticates whether every charge needs 3-D Secure (4000 0027 6000 3184, Stripe's
 *     {@code pm_card_authenticationRequired}): the customer authenticates on the hosted checkout page, and each later
 *     off-session charge waits for the customer ({@code invoice.payment_action_required})
 */
record TestCard(String number, String brand, String funding, boolean declines, boolean authenticates) {

    TestCard(String number, String brand, String funding, boolean declines) {
        this(number, brand, funding, declines, false);
    }

    private static final Map<String, TestCard> CARDS = Map.of(
            "4000000000000341", new TestCard("4000000000000341", "visa", "credit", true),
            "4242424242424242", new TestCard("4242424242424242", "visa", "credit", false),
            "4000056655665556", new TestCard("4000056655665556", "visa", "debit", false),
            "5555555555554444", new TestCard("5555555555554444", "mastercard", "credit", false),
            "378282246310005", new TestCard("378282246310005", "amex", "credit", false),
            "4000000000000002", new TestCard("4000000000000002", "visa", "credit", true),
            "4000000000009995", new TestCard("4000000000009995", "visa", "credit", true),
            "4000002760003184", new TestCard("4000002760003184", "visa", "credit", false, true));

    /** Test payment method ids Stripe accepts in place of a real one, such as {@code pm_card_visa}. */
    private static final Map<String, String> PAYMENT_METHOD_TOKENS = Map.of(
            "pm_card_visa", "4242424242424242",
            "pm_card_visa_debit", "4000056655665556",
            "pm_card_mastercard", "5555555555554444",
            "pm_card_amex", "378282246310005",
            "pm_card_chargeCustomerFail", "4000000000000341",
            "pm_card_authenticationRequired", "4000002760003184");

    /** The test card for a number as typed (spaces and dashes ignored); a card error otherwise. */
    static TestCard of(String typed) {
        String digits = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        TestCard card = CARDS.get(digits);
        if (card == null) {
            throw StripeApiException.incorrectNumber();
        }
        return card;
    }

    static TestCard ofToken(String paymentMethodToken) {
        String number = PAYMENT_METHOD_TOKENS.get(paymentMethodToken);
        return number == null ? null : CARDS.get(number);
    }

    String last4() {
        return number.substring(number.length() - 4);
    }

    String fingerprint() {
        return Integer.toHexString(number.hashCode()).toUpperCase(Locale.ROOT) + "x" + last4();
    }

    int expMonth() {
        return 12;
    }

    int expYear() {
        return 2034;
    }
}
