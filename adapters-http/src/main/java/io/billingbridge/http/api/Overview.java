package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The support console's dashboard: accounts per sync state and the webhook backlog.
 *
 * @param oldestPendingReceivedAt when the oldest event waiting for a first try arrived; null when none waits
 * @param oldestPendingAgeSeconds how long it has waited; null when none waits
 * @param lastProcessedAt when an event was last processed; null when none ever was
 */
public record Overview(AccountCounts accounts, WebhookEventCounts webhookEvents,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> oldestPendingReceivedAt,
        Optional<Long> oldestPendingAgeSeconds,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> lastProcessedAt) {
    public Overview {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(webhookEvents, "webhookEvents");
        Objects.requireNonNull(oldestPendingReceivedAt, "oldestPendingReceivedAt");
        Objects.requireNonNull(oldestPendingAgeSeconds, "oldestPendingAgeSeconds");
        Objects.requireNonNull(lastProcessedAt, "lastProcessedAt");
    }

    public static Overview of(io.billingbridge.core.admin.Overview overview) {
        var f = overview.figures();
        return new Overview(new AccountCounts(f.pendingAccounts(), f.activeAccounts(), f.deletedAccounts()),
                new WebhookEventCounts(f.pendingEvents(), f.failedEvents()), f.oldestPendingReceivedAt(),
                overview.oldestPendingAge().map(age -> age.toSeconds()), f.lastProcessedAt());
    }
}
