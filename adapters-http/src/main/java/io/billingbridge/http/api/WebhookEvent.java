package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A received webhook event in the ledger: what it asks Billing Bridge to do, and how processing went.
 *
 * @param type the sender's event type, e.g. {@code invoice.paid}: information only
 * @param work what the event asks for, e.g. {@code customer.resync}
 * @param subject whom the work concerns: a customer id, an owner key ({@code user:user_1}) or an organization id;
 *     null for work that concerns no one in particular
 */
public record WebhookEvent(@Schema(allowableValues = {"stripe", "clerk"}) String source, String eventId, String type,
        @Schema(allowableValues = {"customer.resync", "catalog.refresh", "owner.created", "owner.changed",
            "owner.deleted", "membership.changed", "checkout.completed", "invoice.payment_failed",
            "invoice.action_required", "subscription.trial_will_end", "none"}) String work,
        Optional<String> subject, @Schema(allowableValues = {"pending", "failed", "processed"}) String status,
        int attempts, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant receivedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant nextAttemptAt, Optional<String> lastErrorCode) {
    public WebhookEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
    }

    public static WebhookEvent of(WebhookEventRecord e) {
        return new WebhookEvent(e.source().name().toLowerCase(Locale.ROOT), e.eventId(), e.type(), e.work().kind(),
                e.work().key(),
                e.status().wireName(), e.attempts(), e.receivedAt(), e.nextAttemptAt(), e.lastErrorCode());
    }
}
