package io.billingbridge.core.error;

/** A thing the caller named does not exist, or is not theirs to see. */
public final class NotFound extends BillingException {
    public NotFound(String message) {
        super("not_found", message, null);
    }

    public NotFound(String code, String message) {
        super(code, message, null);
    }
}
