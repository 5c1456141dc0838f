package io.billingbridge.core.account;

/** What happens to a customer when its user or organization is deleted in the identity provider. */
public enum DeletionPolicy {
    /** Leave the customer and its subscriptions as they are (the row is marked deleted). */
    KEEP,
    /** Cancel live subscriptions at the end of their period; keep the customer for its history. */
    CANCEL_AT_PERIOD_END,
    /** Cancel subscriptions now and delete the customer. */
    CANCEL_NOW_AND_DELETE
}
