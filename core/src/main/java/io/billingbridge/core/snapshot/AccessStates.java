package io.billingbridge.core.snapshot;

import io.billingbridge.core.snapshot.AccessState.Action;
import io.billingbridge.core.snapshot.AccessState.ActionType;
import io.billingbridge.core.snapshot.AccessState.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes an owner's {@link AccessState} from their subscriptions, the settings and the time.
 *
 * <p>Each subscription that has not ended gives a state; the best wins (active, trialing, grace, then locked).
 * {@code past_due} keeps access for {@code pastDueGrace} from when its latest invoice became due (the invoice's due
 * date, else when it was finalized: Stripe attempts a charged-automatically invoice at finalization, and a failed
 * attempt is what makes the subscription past due), falling back to the start of the current period. Stripe has no
 * "past due since" field; the invoice times are set once and never move, so the grace cannot be extended by a
 * retry. {@code unpaid} is locked; {@code incomplete} and {@code paused} grant access only when configured (an
 * incomplete one at most for the 23 hours before Stripe expires it).
 */
public final class AccessStates {
    /** Stripe expires an incomplete subscription 23 hours after it was created. */
    static final Duration INCOMPLETE_LIFETIME = Duration.ofHours(23);
    private static final String DEFAULT_PLAN_FEATURE = "default_plan";

    private final AccessStateSettings settings;

    public AccessStates(AccessStateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The access of an owner with these subscriptions at {@code now}. */
    public AccessState of(List<SubscriptionView> subscriptions, Instant now) {
        AccessState best = null;
        for (SubscriptionView subscription : subscriptions) {
            if (subscription.hasEnded()) {
                continue;
            }
            AccessState state = of(subscription, now);
            if (state != null && (best == null || rank(state.state()) > rank(best.state()))) {
                best = state;
            }
        }
        return best != null ? best : new AccessState(settings.defaultPlan().name(), State.NONE, Optional.empty(),
                Optional.empty());
    }

    /**
     * The entitlements the owner holds in this state: the provider's while access is granted, else the default
     * plan's (a subscription locked for non-payment no longer grants its features, even while Stripe still lists
     * them for a past-due subscription).
     */
    public List<EntitlementView> entitlements(AccessState state, List<EntitlementView> provided) {
        if (state.state().grantsAccess()) {
            return provided;
        }
        return settings.defaultPlan().entitlements().stream()
                .map(key -> new EntitlementView(DEFAULT_PLAN_FEATURE, key)).toList();
    }

    private AccessState of(SubscriptionView subscription, Instant now) {
        Optional<String> plan = subscription.items().stream().findFirst().map(SubscriptionItemView::productName);
        return switch (subscription.status()) {
            case "active" -> new AccessState(plan, State.ACTIVE, Optional.empty(), Optional.empty());
            case "trialing" -> new AccessState(plan, State.TRIALING, Optional.empty(), Optional.empty());
            case "past_due" -> {
                Instant ends = dueSince(subscription).plus(settings.pastDueGrace());
                yield now.isBefore(ends)
                        ? new AccessState(plan, State.GRACE, Optional.of(ends), updatePaymentMethod())
                        : locked(plan, subscription);
            }
            case "incomplete" -> {
                Instant ends = subscription.created().plus(INCOMPLETE_LIFETIME);
                yield settings.incompleteGrantsAccess() && now.isBefore(ends)
                        ? new AccessState(plan, State.GRACE, Optional.of(ends), payOrUpdate(subscription))
                        : locked(plan, subscription);
            }
            case "paused" -> settings.pausedGrantsAccess()
                    ? new AccessState(plan, State.GRACE, Optional.empty(), updatePaymentMethod())
                    : new AccessState(plan, State.LOCKED, Optional.empty(), updatePaymentMethod());
            case "unpaid" -> locked(plan, subscription);
            default -> null;
        };
    }

    private static Instant dueSince(SubscriptionView subscription) {
        return subscription.latestInvoice().flatMap(LatestInvoiceView::dueSince)
                .or(subscription::currentPeriodStart)
                .orElse(subscription.created());
    }

    private static AccessState locked(Optional<String> plan, SubscriptionView subscription) {
        return new AccessState(plan, State.LOCKED, Optional.empty(), payOrUpdate(subscription));
    }

    /** Pay the open invoice when there is one to pay, else fix the payment method so the next attempt succeeds. */
    private static Optional<Action> payOrUpdate(SubscriptionView subscription) {
        Optional<LatestInvoiceView> open = subscription.latestInvoice().filter(LatestInvoiceView::isOpen);
        if (open.isPresent()) {
            return Optional.of(new Action(ActionType.PAY_INVOICE, open.get().hostedInvoiceUrl()));
        }
        return updatePaymentMethod();
    }

    private static Optional<Action> updatePaymentMethod() {
        return Optional.of(new Action(ActionType.UPDATE_PAYMENT_METHOD, Optional.empty()));
    }

    private static int rank(State state) {
        return switch (state) {
            case ACTIVE -> 4;
            case TRIALING -> 3;
            case GRACE -> 2;
            case LOCKED -> 1;
            case NONE -> 0;
        };
    }
}
