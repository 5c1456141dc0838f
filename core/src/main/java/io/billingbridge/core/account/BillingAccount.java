package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The link between an owner and its one Stripe customer.
 *
 * @param owner the Clerk user or organization
 * @param customerId the Stripe customer, once created
 * @param profile what the customer was last told about the owner
 * @param syncState where the customer stands
 * @param createdAt when the owner's row was reserved
 * @param updatedAt when the row last changed
 * @param customerGeneration how many customers were released from this owner (deleted or missing in Stripe,
 *     or replaced by an admin relink); the next customer is created under a key of this generation
 */
public record BillingAccount(
        Owner owner,
        Optional<CustomerId> customerId,
        CustomerProfile profile,
        SyncState syncState,
        Instant createdAt,
        Instant updatedAt,
        int customerGeneration) {

    public BillingAccount {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(syncState, "syncState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (customerGeneration < 0) {
            throw new IllegalArgumentException("the customer generation is never negative");
        }
        if (syncState == SyncState.ACTIVE && customerId.isEmpty()) {
            throw new IllegalArgumentException("an active account has a customer id");
        }
    }

    /** A freshly reserved account with no customer yet. */
    public static BillingAccount reserved(Owner owner, Instant now) {
        return new BillingAccount(owner, Optional.empty(), CustomerProfile.empty(), SyncState.PENDING, now, now, 0);
    }
}
