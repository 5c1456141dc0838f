package io.billingbridge.core.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How many accounts are in each sync state and how the webhook backlog stands, as counted now.
 *
 * @param oldestPendingReceivedAt when the oldest event not tried yet arrived; empty when none waits
 * @param lastProcessedAt when an event was last processed; empty when none ever was
 */
public record OverviewFigures(long pendingAccounts, long activeAccounts, long deletedAccounts, long pendingEvents,
        long failedEvents, Optional<Instant> oldestPendingReceivedAt, Optional<Instant> lastProcessedAt) {
    public OverviewFigures {
        if (pendingAccounts < 0 || activeAccounts < 0 || deletedAccounts < 0 || pendingEvents < 0 || failedEvents < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        Objects.requireNonNull(oldestPendingReceivedAt, "oldestPendingReceivedAt");
        Objects.requireNonNull(lastProcessedAt, "lastProcessedAt");
    }
}
