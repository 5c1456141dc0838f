package io.billingbridge.core.error;

/** The payment a request needed was declined or could not be taken; nothing was changed. */
public final class PaymentFailed extends BillingException {
    public PaymentFailed(String code, String message) {
        super(code, message, null);
    }
}
