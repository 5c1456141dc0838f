package io.billingbridge.core.error;

/** The caller has no valid session token. */
public final class Unauthenticated extends BillingException {
    public Unauthenticated(String message) {
        super("unauthenticated", message, null);
    }

    public Unauthenticated(String code, String message) {
        super(code, message, null);
    }
}
