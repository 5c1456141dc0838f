package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.checkout.CheckoutPlan;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks every plan change passes, for the preview and the change alike: the subscription is the caller's
 * (through {@link OwnedSubscriptions}), live, single-item and without a metered item (a metered item's usage so far
 * would be charged or lost by the swap, which Billing Bridge does not decide for the application); the target is a purchasable recurring price of the
 * owner's type in the same currency and not the current one; the quantity follows the price's rule as at
 * checkout; the timing follows the {@link PlanChangePolicy} for the direction.
 *
 * <p>The direction is decided as Stripe's customer portal decides it ({@code schedule_at_period_end} conditions
 * {@code decreasing_item_amount} and {@code shortening_interval}): a change is a downgrade when the new price times
 * the quantity is less than the current item's amount, or when its billing interval is shorter; anything else is
 * an upgrade (monthly to yearly is one: more is paid now, for a longer period).
 */
final class PlanChangeRules {
    /** The error code of a change refused because the subscription has a metered item (usage would be lost). */
    static final String METERED_NOT_CHANGEABLE = "subscription_metered";
    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    private final OwnedSubscriptions owned;
    private final Catalog catalog;
    private final CheckoutPlan checkoutPlan;
    private final PlanChangePolicy policy;

    PlanChangeRules(OwnedSubscriptions owned, Catalog catalog, CheckoutPlan checkoutPlan, PlanChangePolicy policy) {
        this.owned = Objects.requireNonNull(owned, "owned");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.checkoutPlan = Objects.requireNonNull(checkoutPlan, "checkoutPlan");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    PlannedChange plan(Principal principal, PlanChangeCommand command) {
        Optional<PlanChangePolicy.When> asked = command.when().map(w -> PlanChangePolicy.When.fromWireName(w)
                .orElseThrow(() -> new InvalidRequest("invalid_when", "when must be 'now' or 'period_end'", "when")));
        OwnedSubscription subscription = owned.find(principal, command.owner(), command.organizationId(),
                command.subscription(), Action.CHANGE_SUBSCRIPTION);
        SubscriptionView view = subscription.subscription();
        if (!view.isLive()) {
            throw new Conflict("subscription_not_changeable", "only an active, trialing or past due subscription"
                    + " can change plan");
        }
        if (view.items().stream().anyMatch(SubscriptionItemView::metered)) {
            throw new Conflict(METERED_NOT_CHANGEABLE, "a subscription with a metered price cannot change plan here;"
                    + " cancel it and check out the new plan");
        }
        if (view.items().size() != 1) {
            throw new Conflict("subscription_not_changeable", "only a subscription with one item can change plan");
        }
        SubscriptionItemView item = view.items().get(0);
        Price target = catalog.resolve(command.price(), subscription.owner().type());
        if (!target.isRecurring()) {
            throw new InvalidRequest("price_not_recurring", "a subscription can only change to a recurring price",
                    "price");
        }
        if (target.isMetered()) {
            throw new InvalidRequest("price_metered", "a subscription cannot change to a metered price; metered"
                    + " prices are bought at checkout, with their base plan", "price");
        }
        if (target.id().equals(item.priceId())) {
            throw new InvalidRequest("price_unchanged", "the subscription is already on that price", "price");
        }
        if (item.unitAmount().isPresent()
                && !item.unitAmount().get().currency().equalsIgnoreCase(target.currency())) {
            throw new InvalidRequest("currency_mismatch", "the new price must be in the subscription's currency",
                    "price");
        }
        long quantity = checkoutPlan.termsFor(subscription.owner(), target, command.quantity()).quantity();
        boolean downgrade = target.unitAmount().orElse(0L) * quantity
                < item.unitAmount().map(m -> m.amount()).orElse(0L) * item.quantity()
                || days(target.recurring().get().interval(), target.recurring().get().intervalCount())
                        < days(item.interval().orElse("month"), 1);
        PlanChangePolicy.Rule rule = policy.rule(!downgrade);
        PlanChangePolicy.When when = asked.orElse(rule.when());
        if (when != rule.when() && !policy.allowClientTiming()) {
            throw new InvalidRequest("timing_not_allowed", "this change takes effect " + rule.when().wireName()
                    + " here", "when");
        }
        ProrationBehavior proration = when == PlanChangePolicy.When.PERIOD_END ? ProrationBehavior.NONE
                : rule.when() == PlanChangePolicy.When.NOW ? rule.proration() : ProrationBehavior.CREATE_PRORATIONS;
        return new PlannedChange(subscription, item, target, quantity, when, proration);
    }

    /** The length of a billing interval in days, to tell a shorter interval from a longer one. */
    private static double days(String interval, int count) {
        double days = switch (interval) {
            case "day" -> 1;
            case "week" -> 7;
            case "year" -> 365.2425;
            default -> DAYS_PER_MONTH;
        };
        return days * Math.max(1, count);
    }
}
