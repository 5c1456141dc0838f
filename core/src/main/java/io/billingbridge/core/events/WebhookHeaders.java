package io.billingbridge.core.events;

import java.util.Map;
import java.util.Objects;

/**
 * The three Standard Webhooks headers of one delivery attempt.
 *
 * @param id the event id, the same on every attempt
 * @param timestamp the attempt's time in whole seconds since the epoch
 * @param signature {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}
 */
public record WebhookHeaders(EventId id, long timestamp, String signature) {
    public WebhookHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signature, "signature");
        if (!signature.startsWith("v1,")) {
            throw new IllegalArgumentException("a signature is v1,<base64>");
        }
    }

    /** The headers by name, as they go on the request. */
    public Map<String, String> asMap() {
        return Map.of("webhook-id", id.value(), "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature);
    }
}
