package io.billingbridge.core.account;

/** Which email an organization's customer gets. */
public enum OrganizationEmail {
    /** The primary email of the organization's first admin (the oldest admin membership). */
    FIRST_ADMIN,
    /** None: Stripe sends receipts nowhere until someone adds one in the portal. */
    NONE
}
