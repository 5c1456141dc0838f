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
 * @param scheduledChange the plan change waiting for the end of the period, if any
 */
public record Subscription(String id, String status, boolean cancelAtPeriodEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> trialEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> canceledAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, List<SubscriptionItem> items,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ScheduledChange> scheduledChange) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(canceledAt, "canceledAt");
        Objects.requireNonNull(created, "created");
        items = List.copyOf(items);
        Objects.requireNonNull(scheduledChange, "scheduledChange");
    }

    public static Subscription of(SubscriptionView s) {
        return new Subscription(s.id(), s.status(), s.cancelAtPeriodEnd(), s.trialEnd(), s.canceledAt(), s.created(),
                s.items().stream().map(SubscriptionItem::of).toList(),
                s.scheduledChange().map(ScheduledChange::of));
    }
}
