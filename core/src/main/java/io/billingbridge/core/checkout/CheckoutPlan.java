package io.billingbridge.core.checkout;

import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import java.util.Optional;

/**
 * Hook: the terms of a checkout (quantity, trial, tax, promotion codes, metadata) for an owner and a price.
 *
 * <p>The default, {@link ConfiguredCheckoutPlan}, reads YAML settings and price metadata; implement this for
 * anything else.
 */
@FunctionalInterface
public interface CheckoutPlan {

    /**
     * The terms for this checkout.
     *
     * @param requestedQuantity what the buyer asked for, if anything
     * @throws io.billingbridge.core.error.InvalidRequest when the requested quantity is not allowed
     */
    CheckoutTerms termsFor(Owner owner, Price price, Optional<Long> requestedQuantity);
}
