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
 * @param promotionCode a code already checked redeemable, applied as the session's discount (the promotion code
 *     field is then off, as Stripe allows only one of the two)
 * @param trialWithoutPaymentMethod when the subscription has a trial, let the buyer start it without a card
 *     ({@code payment_method_collection=if_required}), ending as {@code trialEndBehavior} says when none was added
 * @param taxIdCollection let business buyers enter a tax id
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
        IdempotencyKey idempotencyKey,
        Optional<PromotionCodeId> promotionCode,
        boolean trialWithoutPaymentMethod,
        TrialEndBehavior trialEndBehavior,
        boolean taxIdCollection) {

    public CheckoutRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(trialDays, "trialDays");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(promotionCode, "promotionCode");
        Objects.requireNonNull(trialEndBehavior, "trialEndBehavior");
        metadata = Map.copyOf(metadata);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (mode == CheckoutMode.PAYMENT && trialDays.isPresent()) {
            throw new IllegalArgumentException("a one-time payment has no trial");
        }
        if (promotionCode.isPresent() && allowPromotionCodes) {
            throw new IllegalArgumentException("a session takes a promotion code or the promotion code field, not both");
        }
    }

    /** A request without a promotion code, trial settings or tax id collection: Stripe's defaults for those. */
    public CheckoutRequest(CustomerId customer, Owner owner, Price price, CheckoutMode mode, long quantity,
            URI successUrl, URI cancelUrl, Optional<Integer> trialDays, boolean automaticTax,
            boolean allowPromotionCodes, Map<String, String> metadata, IdempotencyKey idempotencyKey) {
        this(customer, owner, price, mode, quantity, successUrl, cancelUrl, trialDays, automaticTax,
                allowPromotionCodes, metadata, idempotencyKey, Optional.empty(), false, TrialEndBehavior.CREATE_INVOICE,
                false);
    }
}
