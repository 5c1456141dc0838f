package io.billingbridge.core.error;

/** The caller may not act on, or read, this owner's billing. */
public final class AccessDenied extends BillingException {
    public AccessDenied(String message) {
        super("access_denied", message, null);
    }

    public AccessDenied(String code, String message) {
        super(code, message, null);
    }
}
