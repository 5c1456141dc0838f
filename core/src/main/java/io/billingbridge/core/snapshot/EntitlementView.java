package io.billingbridge.core.snapshot;

import java.util.Objects;

/** An active entitlement: a feature the customer's subscriptions grant, by its lookup key. */
public record EntitlementView(String featureId, String lookupKey) {
    public EntitlementView {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(lookupKey, "lookupKey");
    }
}
