package io.billingbridge.core.snapshot;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How billing states translate into access (YAML {@code billing.accessState}).
 *
 * @param pastDueGrace how long a {@code past_due} subscription keeps access after its invoice became due
 * @param incompleteGrantsAccess whether an {@code incomplete} subscription (first payment pending) grants access
 * @param pausedGrantsAccess whether a {@code paused} subscription (trial ended without a payment method) does
 */
public record AccessStateSettings(Duration pastDueGrace, boolean incompleteGrantsAccess, boolean pausedGrantsAccess,
        DefaultPlan defaultPlan) {

    /** Seven days of grace, no access while incomplete or paused, and a default plan named Free with nothing. */
    public static AccessStateSettings defaults() {
        return new AccessStateSettings(Duration.ofDays(7), false, false, new DefaultPlan(Optional.of("Free"),
                List.of()));
    }

    public AccessStateSettings {
        Objects.requireNonNull(pastDueGrace, "pastDueGrace");
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        if (pastDueGrace.isNegative()) {
            throw new IllegalArgumentException("pastDueGrace must not be negative");
        }
    }
}
