package io.billingbridge.core.access;

/**
 * What a caller may ask to do with an owner's billing: what the access policy decides on and what the audit log
 * records, under the action's wire name.
 */
public enum Action {
    /** See subscriptions and entitlements. */
    READ_PLAN("customer.read", "read the plan"),
    /** See invoices, payments and payment methods. */
    READ_BILLING_DETAILS("billing_details.read", "read billing details"),
    /** Start a Checkout Session. */
    START_CHECKOUT("checkout.create", "start a checkout"),
    /** Open a Billing Portal Session. */
    OPEN_PORTAL("portal.create", "open the billing portal"),
    /** Preview or apply a plan change of a subscription, or withdraw a scheduled one. */
    CHANGE_SUBSCRIPTION("subscription.change", "change a subscription"),
    /** Cancel a subscription, or resume one set to cancel. */
    CANCEL_SUBSCRIPTION("subscription.cancel", "cancel or resume a subscription");

    private final String wireName;
    private final String description;

    Action(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    /** The name stored in the audit log, such as {@code checkout.create}; never change one in use. */
    public String wireName() {
        return wireName;
    }

    /** What the caller tried to do, for a refusal's message: "you may not {description} ...". */
    public String description() {
        return description;
    }
}
