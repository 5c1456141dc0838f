package io.billingbridge.core.error;

/** The request conflicts with the current state; retrying later may succeed. */
public final class Conflict extends BillingException {
    public Conflict(String message) {
        super("conflict", message, null);
    }

    public Conflict(String code, String message) {
        super(code, message, null);
    }
}
