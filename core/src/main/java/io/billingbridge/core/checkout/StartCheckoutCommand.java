package io.billingbridge.core.checkout;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to start a checkout, as the client sent it.
 *
 * @param owner {@code user} or {@code organization}
 * @param organizationId optional; must be the session's active organization when given
 * @param price a Stripe price id or lookup key
 * @param quantity optional; only for prices whose quantity the buyer chooses
 */
public record StartCheckoutCommand(String owner, Optional<String> organizationId, String price,
        Optional<Long> quantity, String successUrl, String cancelUrl) {

    public StartCheckoutCommand {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(quantity, "quantity");
    }
}
