package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;

/**
 * Hook: what name, email and metadata an owner's Stripe customer gets.
 *
 * <p>Replace it to add your own metadata or choose another billing email.
 */
@FunctionalInterface
public interface CustomerProfiles {

    /**
     * The profile for this owner.
     *
     * @throws io.billingbridge.core.error.OwnerNotFound when the identity provider does not know the owner
     */
    CustomerProfile profileOf(Owner owner);
}
