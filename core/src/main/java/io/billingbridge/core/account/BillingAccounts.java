package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stores the owner to customer mapping; at most one account per owner and per customer, ever.
 */
public interface BillingAccounts {

    /** The owner's account, if one was reserved. */
    Optional<BillingAccount> find(Owner owner);

    /** The account linked to this Stripe customer, if any. */
    Optional<BillingAccount> findByCustomer(CustomerId customerId);

    /**
     * One page of active accounts (those with a customer), ordered by owner type then id, after {@code after}.
     *
     * <p>Keyset paging, so accounts created during a long walk neither shift nor repeat the pages.
     */
    List<BillingAccount> active(Optional<Owner> after, int limit);

    /**
     * Reserves the owner's row if absent and returns the stored account.
     *
     * <p>Safe under concurrency: every caller, on any server instance, gets the same single row.
     */
    BillingAccount reserve(Owner owner, Instant now);

    /**
     * Records the owner's customer and profile and marks the account active.
     *
     * @throws io.billingbridge.core.error.Conflict if the owner is already linked to another customer,
     *     or the customer to another owner
     */
    BillingAccount link(Owner owner, CustomerId customerId, CustomerProfile profile, Instant now);

    /**
     * Unlinks this customer from the owner, forgets its stored snapshot and counts one more customer generation,
     * so the owner's next customer is a new one; the row, its state and profile stay.
     *
     * @return false when the owner is not linked to this customer (already released, or relinked)
     */
    boolean release(Owner owner, CustomerId customer, Instant now);

    /** Records a new profile (after a sync) or a new state (after a deletion). */
    BillingAccount update(Owner owner, CustomerProfile profile, SyncState state, Instant now);

    /**
     * Runs {@code work} holding a lock on the owner that every server instance on this database respects.
     *
     * <p>Used around "find or create the customer", so two instances cannot both create one.
     */
    <T> T whileLocked(Owner owner, Supplier<T> work);
}
