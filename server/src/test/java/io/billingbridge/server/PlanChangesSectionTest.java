package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.lifecycle.PlanChangePolicy;
import io.billingbridge.core.payment.ProrationBehavior;
import org.junit.jupiter.api.Test;

/** {@code billing.planChanges} reaches core as written, defaults to the documented policy, and refuses bad values. */
class PlanChangesSectionTest {

    @Test
    void noPlanChangesSectionIsTheDefaultPolicy() throws Exception {
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().planChangePolicy())
                .isEqualTo(PlanChangePolicy.DEFAULT);
    }

    @Test
    void eachDirectionIsReadAsWritten() throws Exception {
        PlanChangePolicy policy = ConfigurationFiles.parse("billing:\n  planChanges:\n"
                + "    upgrade: {when: now, proration: create_prorations}\n"
                + "    downgrade: {when: now, proration: always_invoice}\n"
                + "    allowClientTiming: false\n").getBilling().planChangePolicy();

        assertThat(policy.upgrade()).isEqualTo(new PlanChangePolicy.Rule(PlanChangePolicy.When.NOW,
                ProrationBehavior.CREATE_PRORATIONS));
        assertThat(policy.downgrade()).isEqualTo(new PlanChangePolicy.Rule(PlanChangePolicy.When.NOW,
                ProrationBehavior.ALWAYS_INVOICE));
        assertThat(policy.allowClientTiming()).isFalse();
    }

    @Test
    void anUnknownTimingOrProrationStopsTheStartWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  planChanges:\n"
                + "    upgrade: {when: tomorrow, proration: none}\n").getBilling().planChangePolicy())
                .isInstanceOf(StartupProblem.class)
                .hasMessage("billing.planChanges.upgrade.when: 'tomorrow' is not one of [now, period_end]");
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  planChanges:\n"
                + "    downgrade: {when: period_end, proration: sometimes}\n").getBilling().planChangePolicy())
                .isInstanceOf(StartupProblem.class)
                .hasMessage("billing.planChanges.downgrade.proration: 'sometimes' is not one of"
                        + " [create_prorations, always_invoice, none]");
    }
}
