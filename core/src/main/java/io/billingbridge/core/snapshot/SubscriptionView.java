package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A subscription in any status, with its items. */
public record SubscriptionView(
        String id,
        String status,
        List<SubscriptionItemView> items,
        boolean cancelAtPeriodEnd,
        Optional<Instant> trialEnd,
        Optional<Instant> canceledAt,
        Instant created) {

    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    public SubscriptionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        Objects.requireNonNull(created, "created");
    }

    /** True while the subscription grants access (active, trialing, or past due in its grace period). */
    public boolean isLive() {
        return LIVE.contains(status);
    }
}
