package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A received webhook event in the server's ledger.
 *
 * @param subject whom the work concerns; null for work that concerns no one in particular
 * @param lastErrorCode null when the last attempt did not fail
 */
public record WebhookEvent(String source, String eventId, String type, String work, String subject, String status,
        int attempts, Instant receivedAt, Instant nextAttemptAt, String lastErrorCode) {
    public WebhookEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the worker gave up on it, so an admin may retry it. */
    public boolean failed() {
        return status.equals("failed");
    }
}
