package io.billingbridge.core.seats;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps seat-based subscription items at the organization's member count.
 *
 * <p>Coalesced by construction: it reads the current count and changes nothing when the quantity already
 * matches, so a burst of membership events makes at most one update per real change. Stripe allows 200
 * quantity updates per subscription per hour; past {@link #HOURLY_BUDGET}, counted across all instances by the
 * {@link SeatUpdateBudget}, the update is refused with {@link RateLimited} and the webhook worker retries it later.
 */
public final class SyncSeats {
    /** Updates allowed per subscription per hour, safely under Stripe's 200. */
    public static final int HOURLY_BUDGET = 180;
    private static final Logger LOG = LoggerFactory.getLogger(SyncSeats.class);

    private final BillingAccounts accounts;
    private final SeatCounter seats;
    private final PaymentProvider payments;
    private final SyncSnapshot snapshots;
    private final QuantityRule defaultRule;
    private final SeatUpdateBudget budget;
    private final Clock clock;

    public SyncSeats(BillingAccounts accounts, SeatCounter seats, PaymentProvider payments,
            SyncSnapshot snapshots, QuantityRule defaultRule, SeatUpdateBudget budget, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.seats = Objects.requireNonNull(seats, "seats");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Brings every live seat-based item of the organization to its member count; returns how many changed. */
    public int sync(Owner.Organization organization) {
        Optional<CustomerId> customer = accounts.find(organization).flatMap(BillingAccount::customerId);
        if (customer.isEmpty()) {
            return 0;
        }
        BillingSnapshot current = snapshots.syncForEvent(organization, customer.get());
        long wanted = seats.count(organization);
        int changed = 0;
        for (SubscriptionView subscription : current.subscriptions()) {
            if (!subscription.isLive()) {
                continue;
            }
            for (SubscriptionItemView item : subscription.items()) {
                if (isSeatBased(item) && item.quantity() != wanted) {
                    SubscriptionId subscriptionId = new SubscriptionId(subscription.id());
                    spendBudget(subscriptionId);
                    // A fresh key per attempt: a key derived from the counts would be replayed by Stripe (keys live
                    // 24 h) when seats go 5 -> 6 -> 5 -> 6, silently skipping the last change. Reading the quantity
                    // first already makes a repeated attempt harmless.
                    payments.updateSubscriptionQuantity(subscriptionId, new SubscriptionItemId(item.id()), wanted,
                            IdempotencyKey.fresh("billing-bridge-seats-" + item.id()));
                    LOG.info("seats of {} on {}: {} -> {}", organization.key(), subscription.id(), item.quantity(), wanted);
                    changed++;
                }
            }
        }
        if (changed > 0) {
            snapshots.syncForEvent(organization, customer.get());
        }
        return changed;
    }

    private boolean isSeatBased(SubscriptionItemView item) {
        if (item.metered()) {
            // A metered line has no quantity at Stripe (it refuses one), even on a product whose rule is seats.
            return false;
        }
        try {
            return QuantityRule.of(item.quantityRule(), defaultRule) instanceof QuantityRule.Seats;
        } catch (IllegalArgumentException misconfigured) {
            return false;
        }
    }

    private void spendBudget(SubscriptionId subscription) {
        budget.trySpend(subscription, clock.instant(), HOURLY_BUDGET, Duration.ofHours(1)).ifPresent(wait -> {
            throw new RateLimited("seat updates for this subscription are over budget", wait);
        });
    }
}
