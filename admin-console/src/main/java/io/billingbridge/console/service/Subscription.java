package io.billingbridge.console.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Stripe subscription of the owner.
 *
 * @param trialEnd null when no trial
 * @param canceledAt null when not canceled
 */
public record Subscription(String id, String status, boolean cancelAtPeriodEnd, Instant trialEnd, Instant canceledAt,
        Instant created, List<SubscriptionItem> items) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        items = items == null ? List.of() : List.copyOf(items);
    }
}
