package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription in any status, with its items.
 *
 * @param scheduledChange a plan change waiting for the end of the period, if any
 */
public record SubscriptionView(
        String id,
        String status,
        List<SubscriptionItemView> items,
        boolean cancelAtPeriodEnd,
        Optional<Instant> trialEnd,
        Optional<Instant> canceledAt,
        Instant created,
        Optional<ScheduledChange> scheduledChange) {

    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    public SubscriptionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        Objects.requireNonNull(created, "created");
        scheduledChange = scheduledChange == null ? Optional.empty() : scheduledChange;
    }

    /** A subscription with no scheduled change. */
    public SubscriptionView(String id, String status, List<SubscriptionItemView> items, boolean cancelAtPeriodEnd,
            Optional<Instant> trialEnd, Optional<Instant> canceledAt, Instant created) {
        this(id, status, items, cancelAtPeriodEnd, trialEnd, canceledAt, created, Optional.empty());
    }

    /** True while the subscription grants access (active, trialing, or past due in its grace period). */
    public boolean isLive() {
        return LIVE.contains(status);
    }
}
