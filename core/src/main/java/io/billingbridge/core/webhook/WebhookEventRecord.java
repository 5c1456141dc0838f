package io.billingbridge.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded webhook event as support sees it: never the payload, only the work it asks for and how it went.
 *
 * @param work what the event asks of us; its {@link WebhookWork#key()} is the customer, owner or organization
 *     it concerns
 * @param lastErrorCode the error code of the last failed attempt (a code, never a message)
 */
public record WebhookEventRecord(WebhookSource source, String eventId, String type, WebhookWork work,
        WebhookEventStatus status, int attempts, Instant receivedAt, Instant nextAttemptAt,
        Optional<String> lastErrorCode) {

    public WebhookEventRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    }
}
