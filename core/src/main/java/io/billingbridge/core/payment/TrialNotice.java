package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription's trial as Stripe reports it when asked after {@code customer.subscription.trial_will_end}.
 *
 * @param plan the plan's name as the billing view shows it: the first item's product name
 * @param trialEnd when the trial ends; empty when it has none (any more)
 */
public record TrialNotice(SubscriptionId subscription, Optional<CustomerId> customer, Optional<String> plan,
        Optional<Instant> trialEnd) {
    public TrialNotice {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(trialEnd, "trialEnd");
    }
}
