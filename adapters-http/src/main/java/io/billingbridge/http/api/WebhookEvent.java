package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A received webhook event in the ledger: what it is about, and how processing went. */
public record WebhookEvent(@Schema(allowableValues = {"stripe", "clerk"}) String source, String eventId, String type,
        Optional<String> subject, @Schema(allowableValues = {"pending", "failed", "processed"}) String status,
        int attempts, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant receivedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant nextAttemptAt, Optional<String> lastErrorCode) {
    public WebhookEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    }

    public static WebhookEvent of(WebhookEventRecord e) {
        return new WebhookEvent(e.source().name().toLowerCase(Locale.ROOT), e.eventId(), e.type(), subject(e),
                e.status().wireName(), e.attempts(), e.receivedAt(), e.nextAttemptAt(), e.lastErrorCode());
    }

    /** The event's subject as the admin reads it: a Stripe or Clerk object id. */
    private static Optional<String> subject(WebhookEventRecord e) {
        return e.subject();
    }
}
