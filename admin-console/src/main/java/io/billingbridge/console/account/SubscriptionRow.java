package io.billingbridge.console.account;

import io.billingbridge.console.service.Subscription;
import io.billingbridge.console.service.SubscriptionItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One line of the Subscriptions tab: a subscription item with its subscription's status. */
public record SubscriptionRow(String subscriptionId, String itemId, String product, long quantity, String status,
        Instant periodEnd, boolean cancelAtPeriodEnd) {
    public SubscriptionRow {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
    }

    /** A row per item; a subscription without items still gets one row, so it is not hidden. */
    static List<SubscriptionRow> of(Subscription subscription) {
        if (subscription.items().isEmpty()) {
            return List.of(new SubscriptionRow(subscription.id(), null, "(no items)", 0, subscription.status(), null,
                    subscription.cancelAtPeriodEnd()));
        }
        return subscription.items().stream().map(item -> of(subscription, item)).toList();
    }

    private static SubscriptionRow of(Subscription subscription, SubscriptionItem item) {
        return new SubscriptionRow(subscription.id(), item.id(), item.product().name(), item.quantity(),
                subscription.status(), item.currentPeriodEnd(), subscription.cancelAtPeriodEnd());
    }
}
