package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.payment.CancellationReason;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels one of the owner's subscriptions at the end of its period ({@code cancel_at_period_end}) or now, and
 * answers with the freshly synced billing view.
 *
 * <p>Safeguards: the subscription must be in the owner's snapshot ({@link OwnedSubscriptions}: authorized, rate
 * limited, else an audited 404); one that has ended is a {@code 409 subscription_ended}; one with a plan change
 * scheduled for its period end is a {@code 409 scheduled_change_pending} when asked to cancel at that period end
 * (Stripe lets only the schedule decide how such a subscription ends: withdraw the change first, or cancel now);
 * asking again to cancel at
 * period end changes nothing; every Stripe write carries a fresh idempotency key (a retry of the same call never
 * acts twice, a later cancel after a resume is a new act); the customer's reason goes to Stripe only and is never
 * logged or audited.
 */
public final class CancelSubscription {
    /** The error code of a subscription that has already ended. */
    public static final String ENDED = "subscription_ended";
    /** The error code of an incomplete subscription asked to cancel at a period end it does not have. */
    public static final String NO_PERIOD = "no_period_to_end";
    /** The error code of a cancel at period end while a plan change waits for that period end. */
    public static final String CHANGE_PENDING = "scheduled_change_pending";
    private static final Logger LOG = LoggerFactory.getLogger(CancelSubscription.class);

    private final OwnedSubscriptions owned;
    private final PaymentProvider payments;
    private final GetBillingSnapshot reads;
    private final Auditor auditor;
    private final LifecycleWrites writes;

    /** @param writes where each write on the subscription runs (the one place its lease is taken) */
    public CancelSubscription(OwnedSubscriptions owned, PaymentProvider payments, GetBillingSnapshot reads,
            Auditor auditor, LifecycleWrites writes) {
        this.owned = Objects.requireNonNull(owned, "owned");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /** Cancels as asked; the answer is the owner's billing after a fresh sync. */
    public BillingView cancel(Principal principal, CancelSubscriptionCommand command) {
        OwnedSubscription found = owned.find(principal, command.owner(), command.organizationId(),
                command.subscriptionId(), Action.CANCEL_SUBSCRIPTION);
        CancelTiming at = CancelTiming.parse(command.at());
        Optional<CancellationReason> reason = command.reason().flatMap(CancellationReason::parse);
        SubscriptionView subscription = found.subscription();
        SubscriptionId id = new SubscriptionId(subscription.id());
        if (subscription.hasEnded()) {
            throw new Conflict(ENDED, "the subscription has already ended");
        }
        if (at == CancelTiming.PERIOD_END && "incomplete".equals(subscription.status())) {
            throw new Conflict(NO_PERIOD, "an incomplete subscription has no paid period to end; cancel it now");
        }
        if (at == CancelTiming.PERIOD_END && subscription.scheduledChange().isPresent()) {
            throw new Conflict(CHANGE_PENDING, "a plan change is scheduled for the end of this period; withdraw it"
                    + " (DELETE .../scheduled-change) before cancelling at the period end, or cancel now");
        }
        boolean alreadyAtPeriodEnd = at == CancelTiming.PERIOD_END && subscription.cancelAtPeriodEnd();
        if (!alreadyAtPeriodEnd) {
            writes.exclusively(id, () -> {
                if (at == CancelTiming.NOW) {
                    payments.cancelSubscriptionNow(id, reason, IdempotencyKey.fresh("cancel-now-" + id));
                } else {
                    payments.cancelSubscriptionAtPeriodEnd(id, reason, IdempotencyKey.fresh("cancel-at-end-" + id));
                }
            });
        }
        auditor.allowed(principal, found.owner(), Action.CANCEL_SUBSCRIPTION, id + " at=" + at.wireName()
                + (alreadyAtPeriodEnd ? " (already)" : ""));
        LOG.info("Subscription {} of {} canceled ({})", id, found.owner().key(), at.wireName());
        return reads.viewAfterSync(principal, found.owner(), found.customer());
    }
}
