package io.billingbridge.core.lifecycle;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.Objects;

/**
 * A subscription the caller may act on: it is in the stored billing snapshot of an owner the caller was authorized
 * for.
 *
 * @param subscription the subscription as the owner's snapshot shows it
 */
public record OwnedSubscription(Owner owner, CustomerId customer, SubscriptionView subscription) {
    public OwnedSubscription {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
    }
}
