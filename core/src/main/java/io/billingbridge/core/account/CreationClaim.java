package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The right, until {@code until}, to create the owner's customer of one generation: stored in the owner's row, so
 * nothing is held on a database connection while its holder calls Clerk and Stripe.
 *
 * @param owner whose customer is being created
 * @param token this claim's identity, so only its holder can give it up
 * @param generation the owner's customer generation when claimed; the customer is linked only while it is unchanged
 * @param until when the claim lapses and another caller may take the creation over
 */
public record CreationClaim(Owner owner, UUID token, int generation, Instant until) {
    public CreationClaim {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(until, "until");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }
}
