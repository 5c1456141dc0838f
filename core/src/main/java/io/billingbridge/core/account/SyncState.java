package io.billingbridge.core.account;

/** Where an owner's Stripe customer stands. */
public enum SyncState {
    /** The owner's row is reserved; the Stripe customer is not created (or not yet recorded). */
    PENDING,
    /** The Stripe customer exists and reflects the owner's profile. */
    ACTIVE,
    /** The owner was deleted in Clerk; the deletion policy was applied. */
    DELETED
}
