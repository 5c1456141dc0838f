package io.billingbridge.core.access;

/** What a caller may ask to do with an owner's billing. */
public enum Action {
    /** See subscriptions and entitlements. */
    READ_PLAN,
    /** See invoices, payments and payment methods. */
    READ_BILLING_DETAILS,
    /** Start a Checkout Session. */
    START_CHECKOUT,
    /** Open a Billing Portal Session. */
    OPEN_PORTAL
}
