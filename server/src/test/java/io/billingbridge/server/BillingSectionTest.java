package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.Grant;
import io.billingbridge.core.owner.OwnerType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed billing.access and billing.catalogAllowList sections reach the core settings as written. */
class BillingSectionTest {

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
}
