package io.billingbridge.core.snapshot;

import io.billingbridge.core.owner.Owner;
import java.util.Objects;

/**
 * A snapshot as stored, with whether an event said it is out of date and its re-sync has not succeeded yet.
 */
public record StoredSnapshot(Owner owner, BillingSnapshot snapshot, boolean dirty) {
    public StoredSnapshot {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
