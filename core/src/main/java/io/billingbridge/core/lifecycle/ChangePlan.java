package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.checkout.CheckoutPlan;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the plan of the owner's subscription, now (charged exactly as previewed when the preview's proration
 * date is sent back; a failed payment leaves the old plan) or at the end of the period (a subscription schedule),
 * and answers with the freshly synced billing view.
 *
 * <p>Safeguards: the checks of {@link PlanChangeRules}; one lifecycle write per subscription at a time across
 * instances ({@link SubscriptionLocks}, else {@code 409 change_in_progress}); an idempotency key on every Stripe
 * write; a schedule whose phases could not be set is released, so a failure leaves no half-made change.
 */
public final class ChangePlan {
    private static final Logger LOG = LoggerFactory.getLogger(ChangePlan.class);

    private final PlanChangeRules rules;
    private final PaymentProvider payments;
    private final LifecycleWrites writes;
    private final GetBillingSnapshot reads;
    private final Auditor auditor;

    public ChangePlan(OwnedSubscriptions owned, Catalog catalog, CheckoutPlan checkoutPlan, PlanChangePolicy policy,
            PaymentProvider payments, LifecycleWrites writes, GetBillingSnapshot reads, Auditor auditor) {
        this.rules = new PlanChangeRules(owned, catalog, checkoutPlan, policy);
        this.payments = Objects.requireNonNull(payments, "payments");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Makes the change the command describes.
     *
     * @throws io.billingbridge.core.error.Conflict {@code change_in_progress} while another write on the
     *     subscription runs
     * @throws io.billingbridge.core.error.PaymentFailed when an immediate change's payment fails (nothing changed)
     */
    public BillingView change(Principal principal, PlanChangeCommand command) {
        PlannedChange change = rules.plan(principal, command);
        if (change.when() == PlanChangePolicy.When.PERIOD_END && command.prorationDate().isPresent()) {
            throw new InvalidRequest("proration_date_not_applicable", "a change at the period end is not prorated",
                    "prorationDate");
        }
        IdempotencyKey key = IdempotencyKey.fresh("billing-bridge-change");
        writes.exclusively(change.subscriptionId(), () -> {
            if (change.when() == PlanChangePolicy.When.NOW) {
                payments.changePlan(change.subscriptionId(), change.itemId(), change.priceId(), change.quantity(),
                        change.proration(), command.prorationDate(), key);
                auditor.allowed(principal, change.owned().owner(), Action.CHANGE_SUBSCRIPTION, change.detail()
                        + " proration=" + change.proration().wireName()
                        + command.prorationDate().map(Instant::getEpochSecond).map(s -> " prorationDate=" + s)
                                .orElse(""));
            } else {
                Instant effectiveAt = payments.schedulePlanChange(change.subscriptionId(), change.priceId(),
                        change.quantity(), key);
                auditor.allowed(principal, change.owned().owner(), Action.CHANGE_SUBSCRIPTION, change.detail()
                        + " effectiveAt=" + effectiveAt.getEpochSecond());
            }
        });
        LOG.info("Plan change of {} for {} made ({})", change.owned().subscription().id(), change.owned().owner(),
                change.when().wireName());
        return reads.viewAfterSync(principal, change.owned().owner(), change.owned().customer());
    }
}
