package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.Grant;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.snapshot.AccessStateSettings;
import io.billingbridge.core.snapshot.DefaultPlan;
import java.util.List;
import java.util.Optional;
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

    @Test
    void accessStateKeysWrittenReplaceTheirDefaultsAndOthersKeepThem() throws Exception {
        AccessStateSettings settings = ConfigurationFiles.parse("billing:\n  accessState:\n    pastDueGrace: 36h\n"
                + "    defaultPlan:\n      entitlements: [community]\n").getBilling().accessStateSettings();

        assertThat(settings.pastDueGrace()).isEqualTo(java.time.Duration.ofHours(36));
        assertThat(settings.pausedGrantsAccess()).isFalse();
        assertThat(settings.defaultPlan()).isEqualTo(new DefaultPlan(Optional.of("Free"), List.of("community")));
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().accessStateSettings())
                .isEqualTo(AccessStateSettings.defaults());
        assertThat(ConfigurationFiles.parse("billing:\n  accessState:\n    defaultPlan:\n      name: \"\"\n")
                .getBilling().accessStateSettings().defaultPlan().name()).isEmpty();
    }

    @Test
    void aBadEntitlementKeyIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  accessState:\n    defaultPlan:\n"
                + "      entitlements: [\"has space\"]\n").getBilling().accessStateSettings())
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("billing.accessState.defaultPlan: 'has space' is not an entitlement");
    }

    @Test
    void misspeltAccessStateOrPortalKeysAreRefused() {
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  accessState:\n    pastDueGrase: 7d\n"))
                .hasMessageContaining("pastDueGrase");
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  portal:\n    configurations:\n"
                + "      users: bpc_1\n")).hasMessageContaining("users");
    }

    @Test
    void portalConfigurationsPerOwnerTypeOverrideTheOneForBoth() throws Exception {
        BillingSection billing = ConfigurationFiles.parse("billing:\n  portalConfiguration: bpc_both\n  portal:\n"
                + "    configurations:\n      organization: bpc_teams\n").getBilling();
        assertThat(billing.portalConfigurations()).isEqualTo(Map.of(OwnerType.USER, new PortalConfigurationId(
                "bpc_both"), OwnerType.ORGANIZATION, new PortalConfigurationId("bpc_teams")));
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().portalConfigurations()).isEmpty();
        assertThatThrownBy(() -> ConfigurationFiles.parse("billing:\n  portal:\n    configurations:\n"
                + "      user: portal-1\n").getBilling().portalConfigurations())
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("billing.portal.configurations.user: ");
    }
}
