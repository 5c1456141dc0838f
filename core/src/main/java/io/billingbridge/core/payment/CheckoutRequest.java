package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create a Stripe Checkout Session for one owner and one price.
 *
 * @param idempotencyKey sent to Stripe so a retried request cannot make a second session
 */
public record CheckoutRequest(
        CustomerId customer,
        Owner owner,
        Price price,
        CheckoutMode mode,
        long quantity,
        URI successUrl,
        URI cancelUrl,
        Optional<Integer> trialDays,
        boolean automaticTax,
        boolean allowPromotionCodes,
        Map<String, String> metadata,
        IdempotencyKey idempotencyKey) {

    public CheckoutRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(trialDays, "trialDays");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        metadata = Map.copyOf(metadata);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (mode == CheckoutMode.PAYMENT && trialDays.isPresent()) {
            throw new IllegalArgumentException("a one-time payment has no trial");
        }
    }
}
