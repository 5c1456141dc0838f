package io.billingbridge.core.checkout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to start a checkout, as the client sent it.
 *
 * @param owner {@code user} or {@code organization}
 * @param organizationId optional; must be the session's active organization when given
 * @param price a Stripe price id or lookup key
 * @param quantity optional; only for prices whose quantity the buyer chooses
 * @param promotionCode optional; a code the buyer typed, applied to the checkout when it can be redeemed
 * @param addOns optional; the metered add-ons (ids or lookup keys) to buy with the price, each one of those the
 *     price allows; when absent, the checkout adds every add-on the price allows
 */
public record StartCheckoutCommand(String owner, Optional<String> organizationId, String price,
        Optional<Long> quantity, String successUrl, String cancelUrl, Optional<String> promotionCode,
        Optional<List<String>> addOns) {

    public StartCheckoutCommand {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(promotionCode, "promotionCode");
        addOns = Objects.requireNonNull(addOns, "addOns").map(named -> named.stream().filter(Objects::nonNull).toList());
    }

    /** A request that takes the price's add-ons as configured. */
    public StartCheckoutCommand(String owner, Optional<String> organizationId, String price, Optional<Long> quantity,
            String successUrl, String cancelUrl, Optional<String> promotionCode) {
        this(owner, organizationId, price, quantity, successUrl, cancelUrl, promotionCode, Optional.empty());
    }

    /** A request without a promotion code. */
    public StartCheckoutCommand(String owner, Optional<String> organizationId, String price, Optional<Long> quantity,
            String successUrl, String cancelUrl) {
        this(owner, organizationId, price, quantity, successUrl, cancelUrl, Optional.empty());
    }
}
