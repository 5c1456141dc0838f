package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes one of the owner's subscriptions: withdraws a scheduled cancellation ({@code cancel_at_period_end} or
 * {@code cancel_at}), or resumes a {@code paused} one through Stripe's resume (a new period starts and is invoiced
 * now); answers with the freshly synced billing view.
 *
 * <p>Governed like cancelling ({@code subscription.cancel}); a subscription that has ended is {@code 409
 * subscription_ended}, one with nothing to undo {@code 409 nothing_to_resume}.
 */
public final class ResumeSubscription {
    /** The error code of a subscription that is neither scheduled to cancel nor paused. */
    public static final String NOTHING_TO_RESUME = "nothing_to_resume";
    private static final Logger LOG = LoggerFactory.getLogger(ResumeSubscription.class);

    private final OwnedSubscriptions owned;
    private final PaymentProvider payments;
    private final GetBillingSnapshot reads;
    private final Auditor auditor;
    private final LifecycleWrites writes;

    /** @param writes where each write on the subscription runs (the one place its lease is taken) */
    public ResumeSubscription(OwnedSubscriptions owned, PaymentProvider payments, GetBillingSnapshot reads,
            Auditor auditor, LifecycleWrites writes) {
        this.owned = Objects.requireNonNull(owned, "owned");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /** Resumes the subscription; the answer is the owner's billing after a fresh sync. */
    public BillingView resume(Principal principal, ResumeSubscriptionCommand command) {
        OwnedSubscription found = owned.find(principal, command.owner(), command.organizationId(),
                command.subscriptionId(), Action.CANCEL_SUBSCRIPTION);
        SubscriptionView subscription = found.subscription();
        SubscriptionId id = new SubscriptionId(subscription.id());
        if (subscription.hasEnded()) {
            throw new Conflict(CancelSubscription.ENDED, "the subscription has already ended");
        }
        String how;
        if ("paused".equals(subscription.status())) {
            how = "paused";
            writes.exclusively(id, () -> payments.resumePausedSubscription(id, IdempotencyKey.fresh("resume-" + id)));
        } else if (subscription.cancelScheduled()) {
            how = "cancellation withdrawn";
            writes.exclusively(id, () -> payments.withdrawCancellation(id, IdempotencyKey.fresh("uncancel-" + id)));
        } else {
            throw new Conflict(NOTHING_TO_RESUME, "the subscription is neither scheduled to cancel nor paused");
        }
        auditor.allowed(principal, found.owner(), Action.CANCEL_SUBSCRIPTION, id + " resumed (" + how + ")");
        LOG.info("Subscription {} of {} resumed ({})", id, found.owner().key(), how);
        return reads.viewAfterSync(principal, found.owner(), found.customer());
    }
}
