package io.billingbridge.core.snapshot;

import io.billingbridge.core.owner.Owner;

/**
 * Reads an owner's account with its stored snapshot in one round trip: the read every billing page load makes, so
 * the authorization check (which needs the account) and the read itself share it.
 */
public interface OwnerSnapshots {

    /** The owner's account and its customer's stored snapshot, each empty when absent. */
    OwnerBilling find(Owner owner);

    /**
     * The same, read from the store itself, never from a copy kept in memory: for a read right after this instance
     * changed the owner's billing, which must show that change.
     */
    default OwnerBilling findInStore(Owner owner) {
        return find(owner);
    }
}
