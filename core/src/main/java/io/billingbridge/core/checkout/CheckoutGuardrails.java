package io.billingbridge.core.checkout;

import io.billingbridge.core.payment.TrialEndBehavior;
import java.util.Objects;

/**
 * The rules that keep a checkout from charging an owner twice or granting a second trial (YAML
 * {@code billing.checkout}).
 *
 * @param oneSubscriptionPerGroup refuse a subscription checkout while the owner has a live subscription in the same
 *     product group (product metadata {@value #GROUP_KEY}; products without it form one default group)
 * @param trialOncePerOwner no trial for an owner who ever had one
 * @param trialRequiresPaymentMethod when false, a trial starts without a card and ends as {@code trialEndBehavior}
 *     says if none was added by then
 * @param trialEndBehavior what happens at the end of a trial without a payment method
 * @param taxIdCollection let business buyers enter a tax id at checkout
 */
public record CheckoutGuardrails(boolean oneSubscriptionPerGroup, boolean trialOncePerOwner,
        boolean trialRequiresPaymentMethod, TrialEndBehavior trialEndBehavior, boolean taxIdCollection) {

    /** Product (or price) metadata naming the product group; a group holds at most one live subscription. */
    public static final String GROUP_KEY = "billing_bridge_group";
    /** The group of products whose metadata names none. */
    public static final String DEFAULT_GROUP = "default";

    public CheckoutGuardrails {
        Objects.requireNonNull(trialEndBehavior, "trialEndBehavior");
    }

    /** One live subscription per group, one trial per owner, trials need a card, no tax id collection. */
    public static CheckoutGuardrails defaults() {
        return new CheckoutGuardrails(true, true, true, TrialEndBehavior.CANCEL, false);
    }
}
