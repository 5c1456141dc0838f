package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.checkout.CheckoutPlan;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.ProrationPreview;
import io.billingbridge.core.snapshot.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Shows what a plan change would cost before the caller confirms it: for a change now, Stripe's invoice preview
 * (prorated to the second, with the proration date to send back with the change); for a change at the period end,
 * the new price's whole period from then, which is what the renewal will charge (no proration).
 */
public final class PreviewPlanChange {
    private final PlanChangeRules rules;
    private final PaymentProvider payments;
    private final Auditor auditor;

    public PreviewPlanChange(OwnedSubscriptions owned, Catalog catalog, CheckoutPlan checkoutPlan,
            PlanChangePolicy policy,
            PaymentProvider payments, Auditor auditor) {
        this.rules = new PlanChangeRules(owned, catalog, checkoutPlan, policy);
        this.payments = Objects.requireNonNull(payments, "payments");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * The preview of the change the command describes; nothing is changed.
     *
     * @throws io.billingbridge.core.error.NotFound {@code subscription_not_found} for an id that is not the owner's
     * @throws io.billingbridge.core.error.InvalidRequest for a target price, quantity or timing that is not allowed
     */
    public PlanChangePreview preview(Principal principal, PlanChangeCommand command) {
        PlannedChange change = rules.plan(principal, command);
        PlanChangePreview preview = change.when() == PlanChangePolicy.When.NOW ? now(change) : atPeriodEnd(change);
        auditor.allowed(principal, change.owned().owner(), Action.CHANGE_SUBSCRIPTION, "preview "
                + change.detail() + " amountDue=" + preview.amountDue().amount());
        return preview;
    }

    private PlanChangePreview now(PlannedChange change) {
        ProrationPreview invoice = payments.previewPlanChange(change.owned().customer(), change.subscriptionId(),
                change.itemId(), change.priceId(), change.quantity(), change.proration(), Optional.empty());
        return new PlanChangePreview(change.owned().subscription().id(), change.target().id(), change.quantity(),
                change.when(), invoice.amountDue(), invoice.lines(), Optional.of(invoice.prorationDate()),
                invoice.prorationDate());
    }

    private static PlanChangePreview atPeriodEnd(PlannedChange change) {
        Instant effectiveAt = change.item().currentPeriodEnd().orElseThrow(() -> new Conflict(
                "subscription_not_changeable", "the subscription has no current period to end"));
        Price target = change.target();
        Price.Recurring recurring = target.recurring().orElseThrow();
        Money amount = new Money(target.unitAmount().orElse(0L) * change.quantity(), target.currency());
        ProrationPreview.Line line = new ProrationPreview.Line(change.quantity() + " × " + target.product().name(),
                amount, effectiveAt, periodEnd(effectiveAt, recurring));
        return new PlanChangePreview(change.owned().subscription().id(), target.id(), change.quantity(),
                change.when(), amount, List.of(line), Optional.empty(), effectiveAt);
    }

    private static Instant periodEnd(Instant start, Price.Recurring recurring) {
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        int count = Math.max(1, recurring.intervalCount());
        ZonedDateTime end = switch (recurring.interval()) {
            case "day" -> at.plusDays(count);
            case "week" -> at.plusWeeks(count);
            case "year" -> at.plusYears(count);
            default -> at.plusMonths(count);
        };
        return end.toInstant();
    }
}
