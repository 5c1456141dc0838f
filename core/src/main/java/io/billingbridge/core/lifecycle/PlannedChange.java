package io.billingbridge.core.lifecycle;

import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import java.util.Objects;

/**
 * A plan change that passed every check: the owner's subscription, its one item, the target price and quantity,
 * and when and how it is made.
 */
record PlannedChange(OwnedSubscription owned, SubscriptionItemView item, Price target, long quantity,
        PlanChangePolicy.When when, ProrationBehavior proration) {
    PlannedChange {
        Objects.requireNonNull(owned, "owned");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(proration, "proration");
    }

    SubscriptionId subscriptionId() {
        return new SubscriptionId(owned.subscription().id());
    }

    SubscriptionItemId itemId() {
        return new SubscriptionItemId(item.id());
    }

    PriceId priceId() {
        return new PriceId(target.id());
    }

    /** What the audit log records: ids, prices and the quantity, nothing personal. */
    String detail() {
        return owned.subscription().id() + " from=" + item.priceId() + "x" + item.quantity() + " to=" + target.id()
                + "x" + quantity + " when=" + when.wireName();
    }
}
