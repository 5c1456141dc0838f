package io.billingbridge.core.payment;

import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;

/** Verifies a payment-provider webhook's signature on the raw body and decodes it. */
public interface PaymentEventVerifier {

    /**
     * The verified event and the work it asks for.
     *
     * @throws io.billingbridge.core.error.InvalidRequest with code {@code invalid_signature} when the
     *     signature or its timestamp does not verify, or {@code invalid_payload} when the body is not an event
     */
    VerifiedEvent verify(WebhookDelivery delivery);
}
