package io.billingbridge.core.access;

import java.util.Objects;

/**
 * Which organization members may do what; users always act for themselves only.
 *
 * @param readPlan who may read subscriptions and entitlements
 * @param readBillingDetails who may read invoices, payments and payment methods
 * @param manageBilling who may start checkouts, open the billing portal, and change, cancel or resume subscriptions
 */
public record AccessRules(Grant readPlan, Grant readBillingDetails, Grant manageBilling) {

    /** The role Clerk gives organization admins; system billing permissions are not in session claims. */
    public static final String ORG_ADMIN = "org:admin";

    public AccessRules {
        Objects.requireNonNull(readPlan, "readPlan");
        Objects.requireNonNull(readBillingDetails, "readBillingDetails");
        Objects.requireNonNull(manageBilling, "manageBilling");
    }

    /** The access table of docs/architecture.md: any member reads the plan; admins read details and manage billing. */
    public static AccessRules defaults() {
        return new AccessRules(Grant.anyMember(), Grant.oneOf(ORG_ADMIN), Grant.oneOf(ORG_ADMIN));
    }

    /** The grant that governs an action on an organization. */
    public Grant grantFor(Action action) {
        return switch (action) {
            case READ_PLAN -> readPlan;
            case READ_BILLING_DETAILS -> readBillingDetails;
            case START_CHECKOUT, OPEN_PORTAL, CHANGE_SUBSCRIPTION, CANCEL_SUBSCRIPTION -> manageBilling;
        };
    }
}
