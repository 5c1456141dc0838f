package io.billingbridge.server;

import io.billingbridge.core.snapshot.AccessStateSettings;
import io.billingbridge.core.snapshot.DefaultPlan;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code billing.accessState:} how billing states translate into access; every key left out keeps its default.
 *
 * @param pastDueGrace how long a past-due subscription keeps access after its invoice became due (default 7d)
 * @param incompleteGrantsAccess whether a subscription whose first payment is pending grants access (default false)
 * @param pausedGrantsAccess whether a paused subscription grants access (default false)
 * @param defaultPlan the plan of an owner with no live subscription (default: Free, no entitlements)
 */
public record AccessStateSection(Duration pastDueGrace, Boolean incompleteGrantsAccess, Boolean pausedGrantsAccess,
        DefaultPlanSection defaultPlan) {

    /**
     * {@code billing.accessState.defaultPlan:}.
     *
     * @param name shown as the plan; empty for none
     * @param entitlements lookup keys the default plan grants
     */
    public record DefaultPlanSection(String name, List<String> entitlements) {
    }

    static AccessStateSection defaults() {
        return new AccessStateSection(null, null, null, null);
    }

    AccessStateSettings toSettings() {
        AccessStateSettings defaults = AccessStateSettings.defaults();
        DefaultPlan plan = defaults.defaultPlan();
        if (defaultPlan != null) {
            try {
                plan = new DefaultPlan(defaultPlan.name() == null ? plan.name() : Optional.of(defaultPlan.name()),
                        defaultPlan.entitlements() == null ? plan.entitlements() : defaultPlan.entitlements());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new StartupProblem("billing.accessState.defaultPlan: " + e.getMessage());
            }
        }
        return new AccessStateSettings(
                pastDueGrace == null ? defaults.pastDueGrace() : pastDueGrace.toJavaDuration(),
                incompleteGrantsAccess == null ? defaults.incompleteGrantsAccess() : incompleteGrantsAccess,
                pausedGrantsAccess == null ? defaults.pausedGrantsAccess() : pausedGrantsAccess,
                plan);
    }
}
