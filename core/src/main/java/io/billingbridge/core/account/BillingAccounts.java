package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
     * Records the owner's customer and profile, marks the account active and clears any creation claim.
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
     * Claims the creation of the owner's customer until {@code now + lease}: only when the owner's row (reserved
     * before) has no customer and no live claim; a claim whose time has passed (its holder crashed or is slow) is
     * taken over.
     *
     * <p>One short statement: no connection or lock is held while the claimant calls Clerk and Stripe, and every
     * server instance on this database sees the claim.
     *
     * @return the claim, or empty when the owner has its customer, has no row, or someone else holds a live claim
     */
    Optional<CreationClaim> claimCreation(Owner owner, Instant now, Duration lease);

    /**
     * Records the customer created under {@code claim} as {@link #link} does, but only while the owner is still at
     * the claim's customer generation, so a customer created for a generation since released is never linked.
     *
     * @throws io.billingbridge.core.error.Conflict if the owner is linked to another customer, the customer to
     *     another owner, or the owner's generation moved on
     */
    BillingAccount linkClaimed(CreationClaim claim, CustomerId customerId, CustomerProfile profile, Instant now);

    /** Gives up {@code claim} if it is still the owner's claim, so the next caller need not wait for it to lapse. */
    void abandon(CreationClaim claim);

    /**
     * Links the owner to {@code customer} in one transaction: its current customer, if another, is released first
     * (as {@link #release} does); relinking to the current customer changes nothing.
     *
     * @throws io.billingbridge.core.error.Conflict with {@code customer_in_use} if another owner has the customer
     */
    Relinked relink(Owner owner, CustomerId customer, Instant now);
}
