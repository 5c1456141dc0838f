package io.billingbridge.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A received webhook event as recorded: the work it asks for, never the payload.
 *
 * @param type the sender's event type, for logs and support only
 * @param attempts how many times processing was tried
 */
public record LedgerEntry(WebhookSource source, String eventId, String type, WebhookWork work, Instant receivedAt,
        int attempts) {

    public LedgerEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
