package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.core.lifecycle.PlanChangePolicy;
import io.billingbridge.core.payment.ProrationBehavior;
import java.util.Arrays;

/**
 * {@code billing.planChanges:} when a plan change takes effect and how it is prorated, per direction, and whether a
 * client may ask for the other timing.
 *
 * <pre>
 * planChanges:
 *   upgrade: {when: now, proration: always_invoice}
 *   downgrade: {when: period_end, proration: none}
 *   allowClientTiming: true
 * </pre>
 */
public class PlanChangesSection {
    @JsonProperty
    private RuleSection upgrade = new RuleSection("now", "always_invoice");

    @JsonProperty
    private RuleSection downgrade = new RuleSection("period_end", "none");

    @JsonProperty
    private boolean allowClientTiming = true;

    /** One direction: {@code when} is {@code now} or {@code period_end}; {@code proration} as Stripe names it. */
    public static class RuleSection {
        @JsonProperty
        private String when;

        @JsonProperty
        private String proration;

        public RuleSection() {
        }

        RuleSection(String when, String proration) {
            this.when = when;
            this.proration = proration;
        }

        PlanChangePolicy.Rule toRule(String key) {
            PlanChangePolicy.When parsedWhen = PlanChangePolicy.When.fromWireName(when == null ? "" : when.trim())
                    .orElseThrow(() -> new StartupProblem(key + ".when: '" + when + "' is not one of "
                            + Arrays.stream(PlanChangePolicy.When.values()).map(PlanChangePolicy.When::wireName)
                                    .toList()));
            ProrationBehavior parsedProration = ProrationBehavior.fromWireName(proration == null ? ""
                    : proration.trim()).orElseThrow(() -> new StartupProblem(key + ".proration: '" + proration
                            + "' is not one of " + Arrays.stream(ProrationBehavior.values())
                                    .map(ProrationBehavior::wireName).toList()));
            return new PlanChangePolicy.Rule(parsedWhen, parsedProration);
        }
    }

    PlanChangePolicy toPolicy() {
        if (upgrade == null || downgrade == null) {
            throw new StartupProblem("billing.planChanges: upgrade and downgrade must both be set");
        }
        return new PlanChangePolicy(upgrade.toRule("billing.planChanges.upgrade"),
                downgrade.toRule("billing.planChanges.downgrade"), allowClientTiming);
    }
}
