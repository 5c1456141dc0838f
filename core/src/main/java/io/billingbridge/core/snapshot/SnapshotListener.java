package io.billingbridge.core.snapshot;

import io.billingbridge.core.owner.Owner;

/**
 * Hook: called after an owner's billing state changed, e.g. to publish the plan to the identity provider.
 *
 * <p>Called on the syncing thread; a listener that throws does not undo the sync, and is logged.
 */
@FunctionalInterface
public interface SnapshotListener {

    /** The owner's billing state is now {@code snapshot}. */
    void snapshotChanged(Owner owner, BillingSnapshot snapshot);
}
