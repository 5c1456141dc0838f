package io.billingbridge.core.error;

/** The user or organization does not exist (or no longer does). */
public final class OwnerNotFound extends BillingException {
    public OwnerNotFound(String message) {
        super("owner_not_found", message, null);
    }

    public OwnerNotFound(String code, String message) {
        super(code, message, null);
    }
}
