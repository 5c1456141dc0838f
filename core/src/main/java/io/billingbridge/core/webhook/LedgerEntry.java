package io.billingbridge.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A received webhook event as recorded: enough to know what to re-sync, never the payload.
 *
 * @param subject what the event concerns: a customer id ({@code cus_...}), an object id, or an owner key
 *     ({@code user:user_1}); empty when it names nothing we track
 * @param attempts how many times processing was tried
 */
public record LedgerEntry(WebhookSource source, String eventId, String type, Optional<String> subject,
        Instant receivedAt, int attempts) {

    public LedgerEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
