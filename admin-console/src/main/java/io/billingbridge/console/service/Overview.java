package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * The dashboard figures from {@code GET /overview}.
 *
 * @param oldestPendingReceivedAt null when no event is pending
 * @param oldestPendingAgeSeconds null when no event is pending
 * @param lastProcessedAt null when no event was processed yet
 */
public record Overview(AccountCounts accounts, EventCounts webhookEvents, Instant oldestPendingReceivedAt,
        Long oldestPendingAgeSeconds, Instant lastProcessedAt) {
    public Overview {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(webhookEvents, "webhookEvents");
    }

    /** Accounts by sync state. */
    public record AccountCounts(long pending, long active, long deleted) {
    }

    /** Webhook events waiting for the worker, and given up on. */
    public record EventCounts(long pending, long failed) {
    }
}
