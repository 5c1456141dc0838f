package io.billingbridge.core.snapshot;

import io.billingbridge.core.owner.Owner;

/**
 * Reads an owner's account with its stored snapshot in one round trip: the read every billing page load makes, so
 * the authorization check (which needs the account) and the read itself share it.
 */
public interface OwnerSnapshots {

    /** The owner's account and its customer's stored snapshot, each empty when absent. */
    OwnerBilling find(Owner owner);
}
