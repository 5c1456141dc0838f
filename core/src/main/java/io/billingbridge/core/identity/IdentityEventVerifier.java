package io.billingbridge.core.identity;

import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;

/** Verifies an identity-provider webhook's signature and decodes it. */
public interface IdentityEventVerifier {

    /**
     * The verified event and the work it asks for.and the work it asks for.
     *
     * @throws io.billingbridge.core.error.InvalidRequest with code {@code invalid_signature} when the
     *     signature or timestamp does not verify, or {@code invalid_payload} when the body cannot be decoded
     */
    VerifiedEvent verify(WebhookDelivery delivery);
}
