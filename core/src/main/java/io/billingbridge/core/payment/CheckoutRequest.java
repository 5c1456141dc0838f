package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create a Stripe Checkout Session for one owner and one price, with its metered add-ons.
 *
 * @param quantity the units of a licensed price; a metered price is sent without one (Stripe refuses it), and is
 *     given 1 here
 * @param idempotencyKey sent to Stripe so a retried request cannot make a second session
 * @param promotionCode a code already checked redeemable, applied as the session's discount (the promotion code
 *     field is then off, as Stripe allows only one of the two)
 * @param trialWithoutPaymentMethod when the subscription has a trial, let the buyer start it without a card
 *     ({@code payment_method_collection=if_required}), ending as {@code trialEndBehavior} says when none was added
 * @param taxIdCollection let business buyers enter a tax id
 * @param meteredAddOns metered prices bought with {@code price} as further lines of the subscription, without a
 *     quantity; usage reported to their meters is charged at each period's end
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
        boolean taxIdCollection,
        List<Price> meteredAddOns) {

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
        meteredAddOns = List.copyOf(meteredAddOns);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (price.isMetered() && quantity != 1) {
            throw new IllegalArgumentException("a metered price has no quantity");
        }
        if (meteredAddOns.stream().anyMatch(addOn -> !addOn.isMetered())) {
            throw new IllegalArgumentException("an add-on is a metered price");
        }
        if (!meteredAddOns.isEmpty() && mode != CheckoutMode.SUBSCRIPTION) {
            throw new IllegalArgumentException("metered add-ons are bought with a subscription");
        }
        if (mode == CheckoutMode.PAYMENT && trialDays.isPresent()) {
            throw new IllegalArgumentException("a one-time payment has no trial");
        }
        if (promotionCode.isPresent() && allowPromotionCodes) {
            throw new IllegalArgumentException("a session takes a promotion code or the promotion code field, not both");
        }
    }

    /** A request without metered add-ons. */
    public CheckoutRequest(CustomerId customer, Owner owner, Price price, CheckoutMode mode, long quantity,
            URI successUrl, URI cancelUrl, Optional<Integer> trialDays, boolean automaticTax,
            boolean allowPromotionCodes, Map<String, String> metadata, IdempotencyKey idempotencyKey,
            Optional<PromotionCodeId> promotionCode, boolean trialWithoutPaymentMethod,
            TrialEndBehavior trialEndBehavior, boolean taxIdCollection) {
        this(customer, owner, price, mode, quantity, successUrl, cancelUrl, trialDays, automaticTax,
                allowPromotionCodes, metadata, idempotencyKey, promotionCode, trialWithoutPaymentMethod,
                trialEndBehavior, taxIdCollection, List.of());
    }

    /** A request without a promotion code, trial settings or tax id collection: Stripe's defaults for those. */
    public CheckoutRequest(CustomerId customer, Owner owner, Price price, CheckoutMode mode, long quantity,
            URI successUrl, URI cancelUrl, Optional<Integer> trialDays, boolean automaticTax,
            boolean allowPromotionCodes, Map<String, String> metadata, IdempotencyKey idempotencyKey) {
        this(customer, owner, price, mode, quantity, successUrl, cancelUrl, trialDays, automaticTax,
                allowPromotionCodes, metadata, idempotencyKey, Optional.empty(), false, TrialEndBehavior.CREATE_INVOICE,
                false, List.of());
    }
}
