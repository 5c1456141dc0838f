package io.billingbridge.server;

import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.Grant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code billing.access:} who in an organization may do what, one field per action, so that a misspelt action is
 * a start-up error instead of a silently kept default. An action left out keeps its default grant.
 *
 * @param readPlan who may read subscriptions and entitlements
 * @param readBillingDetails who may read invoices, payments and payment methods
 * @param manageBilling who may start checkouts and open the billing portal
 */
public record AccessSection(List<String> readPlan, List<String> readBillingDetails, List<String> manageBilling) {
    /** Grants written in YAML: {@code any_member}, or roles and permissions such as {@code org:admin}. */
    public static final String ANY_MEMBER = "any_member";

    /** No action configured: every action keeps its default grant. */
    static AccessSection defaults() {
        return new AccessSection(null, null, null);
    }

    AccessRules toRules() {
        AccessRules defaults = AccessRules.defaults();
        return new AccessRules(
                grant("readPlan", readPlan, defaults.readPlan()),
                grant("readBillingDetails", readBillingDetails, defaults.readBillingDetails()),
                grant("manageBilling", manageBilling, defaults.manageBilling()));
    }

    private static Grant grant(String name, List<String> names, Grant fallback) {
        if (names == null) {
            return fallback;
        }
        Set<String> rolesOrPermissions = new HashSet<>(names);
        boolean everyMember = rolesOrPermissions.remove(ANY_MEMBER);
        try {
            return new Grant(everyMember, rolesOrPermissions);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("billing.access." + name + ": " + e.getMessage());
        }
    }
}
