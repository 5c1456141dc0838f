package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.payment.PortalConfigurationId;
import org.junit.jupiter.api.Test;

class BillingSectionTest {
    private static BillingSection parse(String json) throws Exception {
        return new ObjectMapper().readValue(json, BillingSection.class);
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
