package io.billingbridge.core.events;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.SubscriptionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The data of one event to the application other than {@code billing.updated} (which the outbox derives from the
 * owner's plan summaries): whose it is, its type, and what its payload tells; never more than the owner's billing
 * view shows.
 */
public sealed interface AppEvent {

    /** Whose event it is; an owner's events are delivered in the order they were recorded. */
    Owner owner();

    /** The event's type, the payload's {@code type}. */
    EventType type();

    /**
     * What makes this event one and the same however often its source is processed, e.g. the checkout session id:
     * the event's id is derived from it, so processing a Stripe event twice records one event.
     */
    String dedupeKey();

    /** The id this event is recorded under: derived from its type and {@link #dedupeKey()}. */
    default EventId id() {
        return EventId.derived(type().wireName() + "|" + owner().key() + "|" + dedupeKey());
    }

    /** Calls the visitor's method for this case. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Does something with each case, e.g. renders its payload: one method per case, so a new case does not compile
     * until every visitor handles it.
     */
    interface Visitor<R> {
        R checkoutCompleted(CheckoutCompleted event);

        R paymentFailed(PaymentFailed event);

        R paymentActionRequired(PaymentActionRequired event);

        R trialWillEnd(TrialWillEnd event);

        R usageRejected(UsageRejected event);
    }

    /** A Checkout Session completed: its mode and line items. */
    record CheckoutCompleted(Owner owner, CheckoutDetails checkout) implements AppEvent {
        public CheckoutCompleted {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(checkout, "checkout");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.checkoutCompleted(this);
        }

        @Override
        public EventType type() {
            return EventType.CHECKOUT_COMPLETED;
        }

        @Override
        public String dedupeKey() {
            return checkout.id().value();
        }
    }

    /** Collecting an invoice failed (a declined card); one event per failed attempt. */
    record PaymentFailed(Owner owner, InvoiceNotice invoice) implements AppEvent {
        public PaymentFailed {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.paymentFailed(this);
        }

        @Override
        public EventType type() {
            return EventType.PAYMENT_FAILED;
        }

        @Override
        public String dedupeKey() {
            return invoice.invoice().value() + "|" + invoice.attemptCount();
        }
    }

    /** An invoice's payment waits for the customer to authenticate; one event per attempt. */
    record PaymentActionRequired(Owner owner, InvoiceNotice invoice) implements AppEvent {
        public PaymentActionRequired {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.paymentActionRequired(this);
        }

        @Override
        public EventType type() {
            return EventType.PAYMENT_ACTION_REQUIRED;
        }

        @Override
        public String dedupeKey() {
            return invoice.invoice().value() + "|" + invoice.attemptCount();
        }
    }

    /**
     * A subscription's trial ends soon.
     *
     * @param plan the plan's name as the billing view shows it (the product's name)
     */
    record TrialWillEnd(Owner owner, SubscriptionId subscription, Optional<String> plan, Instant trialEnd)
            implements AppEvent {
        public TrialWillEnd {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(trialEnd, "trialEnd");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.trialWillEnd(this);
        }

        @Override
        public EventType type() {
            return EventType.TRIAL_WILL_END;
        }

        @Override
        public String dedupeKey() {
            return subscription.value() + "|" + trialEnd.getEpochSecond();
        }
    }

    /**
     * Usage the application reported could not be billed.
     *
     * @param identifier the usage event's identifier, as the application reported it
     * @param reasonCode why, e.g. {@code no_metered_subscription}
     */
    record UsageRejected(Owner owner, String identifier, String eventName, long value, String reasonCode)
            implements AppEvent {
        private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

        public UsageRejected {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(reasonCode, "reasonCode");
            if (identifier.isEmpty() || identifier.length() > 255) {
                throw new IllegalArgumentException("a usage identifier has 1 to 255 characters");
            }
            if (eventName.isEmpty() || eventName.length() > 100) {
                throw new IllegalArgumentException("a usage event name has 1 to 100 characters");
            }
            if (!CODE.matcher(reasonCode).matches()) {
                throw new IllegalArgumentException("a reason code is a short lower-case word such as no_customer");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.usageRejected(this);
        }

        @Override
        public EventType type() {
            return EventType.USAGE_REJECTED;
        }

        @Override
        public String dedupeKey() {
            return identifier;
        }
    }
}
