package io.billingbridge.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded webhook event as support sees it: never the payload, only what it concerns and how it went.
 *
 * @param subject the customer, object or owner key the event concerns, when it names one we track
 * @param lastErrorCode the error code of the last failed attempt (a code, never a message)
 */
public record WebhookEventRecord(WebhookSource source, String eventId, String type, Optional<String> subject,
        WebhookEventStatus status, int attempts, Instant receivedAt, Instant nextAttemptAt,
        Optional<String> lastErrorCode) {

    public WebhookEventRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    }
}
