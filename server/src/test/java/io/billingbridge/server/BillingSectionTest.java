package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.Grant;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PortalConfigurationId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The billing section reaches the core settings as written: typed access and allow-list, typed portal id. */
class BillingSectionTest {
    private static BillingSection parse(String json) throws Exception {
        return new ObjectMapper().readValue(json, BillingSection.class);
    }

    @Test
    void accessActionsWrittenReplaceTheirDefaultAndOthersKeepIt() throws Exception {
        AccessRules rules = ConfigurationFiles.parse("billing:\n  access:\n    manageBilling: [org:billing:manage]\n"
                + "    readBillingDetails: [any_member, org:admin]\n").getBilling().accessRules();

        assertThat(rules.manageBilling()).isEqualTo(Grant.oneOf("org:billing:manage"));
        assertThat(rules.readBillingDetails()).isEqualTo(new Grant(true, Set.of("org:admin")));
        assertThat(rules.readPlan()).isEqualTo(AccessRules.defaults().readPlan());
    }

    @Test
    void noAccessSectionIsTheDefaultPolicy() throws Exception {
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().accessRules()).isEqualTo(AccessRules.defaults());
    }

    @Test
    void catalogAllowListHasOnlyTheOwnerTypesWritten() throws Exception {
        BillingSection billing = ConfigurationFiles.parse("billing:\n  catalogAllowList:\n    organization: [team_monthly]\n")
                .getBilling();

        assertThat(billing.catalogSettings().allowList()).isEqualTo(Map.of(OwnerType.ORGANIZATION, Set.of("team_monthly")));
    }

    @Test
    void portalConfigurationIsTypedOrAbsent() throws Exception {
        assertThat(parse("{\"portalConfiguration\": \"bpc_1Mrn\"}").portalConfiguration())
                .contains(new PortalConfigurationId("bpc_1Mrn"));
        assertThat(parse("{\"portalConfiguration\": \" \"}").portalConfiguration()).isEmpty();
        assertThat(parse("{}").portalConfiguration()).isEmpty();
    }

    @Test
    void aPortalConfigurationThatIsNotAnIdStopsTheStart() {
        assertThatThrownBy(() -> parse("{\"portalConfiguration\": \"pro-portal\"}").portalConfiguration())
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("billing.portalConfiguration: ");
    }
}
