package io.billingbridge.core.error;

/**
 * What a caller can cause, as one sealed family; adapters translate vendor failures into it.
 *
 * <p>The message is safe to show to a client: never put secrets, SQL or vendor text in it.
 */
public abstract sealed class BillingException extends RuntimeException
        permits Unauthenticated, AccessDenied, OwnerNotFound, NotFound, InvalidRequest, Conflict,
                RateLimited, ProviderUnavailable, PaymentFailed {

    private final String code;

    protected BillingException(String code, String message, Throwable cause) {
        super(message, cause, false, true);
        this.code = code;
    }

    /** A stable machine-readable code such as {@code access_denied}. */
    public String code() {
        return code;
    }
}
