package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription in any status, with its items.
 *
 * @param currentPeriodStart the current period of its items (the earliest start of them)
 * @param currentPeriodEnd the current period of its items (the earliest end of them: the next renewal)
 * @param cancelAt when it will end, if a cancellation is scheduled (at period end or at a set time)
 * @param pauseCollection set while payment collection is paused
 * @param latestInvoice its most recent invoice, if any
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
        Optional<Instant> currentPeriodStart,
        Optional<Instant> currentPeriodEnd,
        Optional<Instant> cancelAt,
        Optional<PauseCollectionView> pauseCollection,
        Optional<LatestInvoiceView> latestInvoice,
        Optional<ScheduledChange> scheduledChange) {

    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    public SubscriptionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        Objects.requireNonNull(created, "created");
        currentPeriodStart = orEmpty(currentPeriodStart);
        currentPeriodEnd = orEmpty(currentPeriodEnd);
        cancelAt = orEmpty(cancelAt);
        pauseCollection = orEmpty(pauseCollection);
        latestInvoice = orEmpty(latestInvoice);
        scheduledChange = orEmpty(scheduledChange);
    }

    /** A subscription with no period, scheduled cancellation, paused collection, invoice or scheduled change known. */
    public SubscriptionView(String id, String status, List<SubscriptionItemView> items, boolean cancelAtPeriodEnd,
            Optional<Instant> trialEnd, Optional<Instant> canceledAt, Instant created) {
        this(id, status, items, cancelAtPeriodEnd, trialEnd, canceledAt, created, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** The same subscription without its latest invoice, for callers who may not read billing details. */
    public SubscriptionView withoutLatestInvoice() {
        return new SubscriptionView(id, status, items, cancelAtPeriodEnd, trialEnd, canceledAt, created,
                currentPeriodStart, currentPeriodEnd, cancelAt, pauseCollection, Optional.empty(), scheduledChange);
    }

    /** True when it ends at a set time (at period end or at {@code cancelAt}) unless resumed. */
    public boolean cancelScheduled() {
        return cancelAtPeriodEnd || cancelAt.isPresent();
    }

    /** True once it can no longer be changed: canceled or expired before it started. */
    public boolean hasEnded() {
        return "canceled".equals(status) || "incomplete_expired".equals(status);
    }

    /** True while the subscription grants access (active, trialing, or past due in its grace period). */
    public boolean isLive() {
        return LIVE.contains(status);
    }
}
