package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Stripe subscription of the owner, with Stripe's status.
 *
 * @param currentPeriodEnd when it renews (or ends, with {@code cancelAt})
 * @param cancelAt when it will end, if a cancellation is scheduled; {@code POST .../resume} withdraws it
 * @param pauseCollection set while payment collection is paused
 * @param latestInvoice its most recent invoice
 * @param scheduledChange the plan change waiting for the end of the period, if any
 */
public record Subscription(String id, String status, boolean cancelAtPeriodEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> trialEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> canceledAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, List<SubscriptionItem> items,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> currentPeriodStart,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> currentPeriodEnd,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> cancelAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<PauseCollection> pauseCollection,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<LatestInvoice> latestInvoice,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ScheduledChange> scheduledChange) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(canceledAt, "canceledAt");
        Objects.requireNonNull(created, "created");
        items = List.copyOf(items);
        Objects.requireNonNull(currentPeriodStart, "currentPeriodStart");
        Objects.requireNonNull(currentPeriodEnd, "currentPeriodEnd");
        Objects.requireNonNull(cancelAt, "cancelAt");
        Objects.requireNonNull(pauseCollection, "pauseCollection");
        Objects.requireNonNull(latestInvoice, "latestInvoice");
        Objects.requireNonNull(scheduledChange, "scheduledChange");
    }

    public static Subscription of(SubscriptionView s) {
        return new Subscription(s.id(), s.status(), s.cancelAtPeriodEnd(), s.trialEnd(), s.canceledAt(), s.created(),
                s.items().stream().map(SubscriptionItem::of).toList(), s.currentPeriodStart(), s.currentPeriodEnd(),
                s.cancelAt(), s.pauseCollection().map(PauseCollection::of), s.latestInvoice().map(LatestInvoice::of),
                s.scheduledChange().map(ScheduledChange::of));
    }
}
