package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import java.util.Objects;
import java.util.Optional;

/** Withdraws the plan change scheduled for the end of the period; the current plan goes on. */
public final class WithdrawScheduledChange {
    /** The error code when the subscription has no scheduled change. */
    public static final String NONE = "no_scheduled_change";

    private final OwnedSubscriptions owned;
    private final PaymentProvider payments;
    private final LifecycleWrites writes;
    private final GetBillingSnapshot reads;
    private final Auditor auditor;

    public WithdrawScheduledChange(OwnedSubscriptions owned, PaymentProvider payments, LifecycleWrites writes,
            GetBillingSnapshot reads, Auditor auditor) {
        this.owned = Objects.requireNonNull(owned, "owned");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Withdraws the change and answers with the freshly synced billing view.
     *
     * @throws NotFound {@value #NONE} when nothing is scheduled
     */
    public BillingView withdraw(Principal principal, String ownerType, Optional<String> organizationId,
            String subscriptionId) {
        OwnedSubscription subscription = owned.find(principal, ownerType, organizationId, subscriptionId,
                Action.CHANGE_SUBSCRIPTION);
        SubscriptionId id = new SubscriptionId(subscription.subscription().id());
        writes.exclusively(id, () -> {
            if (!payments.withdrawScheduledChange(id, IdempotencyKey.fresh("billing-bridge-withdraw"))) {
                throw new NotFound(NONE, "the subscription has no scheduled change");
            }
            auditor.allowed(principal, subscription.owner(), Action.CHANGE_SUBSCRIPTION, "withdraw scheduled change "
                    + id);
        });
        return reads.viewAfterSync(principal, subscription.owner(), subscription.customer());
    }
}
