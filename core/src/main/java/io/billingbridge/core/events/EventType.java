package io.billingbridge.core.events;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of event Billing Bridge sends to the application's endpoints. */
public enum EventType {
    /** An owner's plan, access state or entitlements changed. */
    BILLING_UPDATED("billing.updated"),
    /** A Checkout Session completed: what the owner bought, to fulfil one-time purchases. */
    CHECKOUT_COMPLETED("checkout.completed"),
    /** Collecting an invoice's payment failed; Stripe retries as its settings say. */
    PAYMENT_FAILED("payment.failed"),
    /** An invoice's payment needs the customer to act (e.g. 3-D Secure) on the hosted invoice page. */
    PAYMENT_ACTION_REQUIRED("payment.action_required"),
    /** A trial ends in three days. */
    TRIAL_WILL_END("trial.will_end"),
    /** Reported usage could not be billed. */
    USAGE_REJECTED("usage.rejected");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name receivers see in the payload's {@code type}, e.g. {@code billing.updated}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if there is one. */
    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
