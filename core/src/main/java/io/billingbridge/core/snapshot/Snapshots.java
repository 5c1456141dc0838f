package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.util.Optional;

/** Stores the latest billing snapshot of each customer, so reads need no provider call. */
public interface Snapshots {

    /** The customer's stored snapshot, if it was ever synced. */
    Optional<StoredSnapshot> find(CustomerId customer);

    /**
     * Stores a freshly fetched snapshot (clearing the dirty mark) unless a newer one is already stored.
     *
     * @return true when listeners must run for it: the billing state differs from what was stored before, or
     *     listeners had not yet succeeded for the stored state (see {@link #markListened})
     */
    boolean save(Owner owner, BillingSnapshot snapshot);

    /** Records that every listener succeeded for the snapshot fetched at {@code syncedAt}, if it is still the stored one. */
    void markListened(CustomerId customer, java.time.Instant syncedAt);

    /** Marks the customer's snapshot out of date, so the next read tries a re-sync first. */
    void markDirty(CustomerId customer);
}
