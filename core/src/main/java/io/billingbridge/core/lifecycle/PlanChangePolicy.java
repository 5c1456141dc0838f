package io.billingbridge.core.lifecycle;

import io.billingbridge.core.payment.ProrationBehavior;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a plan change takes effect and how it is prorated, per direction (a downgrade lowers the item's amount or
 * shortens its billing interval, as Stripe's portal counts it; any other change is an upgrade), and whether a client
 * may ask for the other timing.
 *
 * @param allowClientTiming whether a request's {@code when} may differ from what the direction's rule says
 */
public record PlanChangePolicy(Rule upgrade, Rule downgrade, boolean allowClientTiming) {

    /** Upgrades now and invoiced at once; downgrades at the end of the period; clients may choose. */
    public static final PlanChangePolicy DEFAULT = new PlanChangePolicy(
            new Rule(When.NOW, ProrationBehavior.ALWAYS_INVOICE),
            new Rule(When.PERIOD_END, ProrationBehavior.NONE), true);

    public PlanChangePolicy {
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(downgrade, "downgrade");
    }

    /**
     * One direction's rule.
     *
     * @param proration how a change made now is settled (ignored at the period end, which is never prorated)
     */
    public record Rule(When when, ProrationBehavior proration) {
        public Rule {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(proration, "proration");
        }
    }

    /** When a change takes effect. */
    public enum When {
        NOW,
        PERIOD_END;

        /** {@code now} or {@code period_end}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The timing with this wire name, if it is one. */
        public static Optional<When> fromWireName(String name) {
            return Arrays.stream(values()).filter(w -> w.wireName().equals(name)).findFirst();
        }
    }

    /** The rule for a change in this direction. */
    public Rule rule(boolean isUpgrade) {
        return isUpgrade ? upgrade : downgrade;
    }
}
