package io.billingbridge.server;

import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventSigner;
import io.billingbridge.core.events.SigningSecret;
import io.billingbridge.core.events.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the Standard Webhooks specification says (standardwebhooks.com): HMAC-SHA256 with the
 * endpoint's secret over {@code id.timestamp.body}, base64, as {@code v1,<signature>}; so a receiver verifies it with
 * the off-the-shelf {@code standardwebhooks} library of its language.
 */
public final class StandardWebhookSigner implements EventSigner {

    /** Signs whole seconds: the header carries seconds, so a receiver recomputes the same text. */
    @Override
    public WebhookHeaders sign(SigningSecret secret, EventId id, Instant at, String body) {
        long timestamp = at.getEpochSecond();
        String signed = id.value() + "." + timestamp + "." + body;
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac = hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        return new WebhookHeaders(id, timestamp, "v1," + Base64.getEncoder().encodeToString(mac));
    }
}
