package io.billingbridge.core.payment;

/** The kind of Checkout Session, as Stripe names them. */
public enum CheckoutMode {
    SUBSCRIPTION("subscription"),
    PAYMENT("payment");

    private final String wireName;

    CheckoutMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
