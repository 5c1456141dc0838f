package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.checkout.CheckoutGuardrails;
import io.billingbridge.core.payment.TrialEndBehavior;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code billing.checkout} reaches the guardrails as written, with safe defaults and one-line errors. */
class CheckoutSectionTest {

    @Test
    void noCheckoutSectionIsTheSafeDefault() throws Exception {
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().checkoutGuardrails())
                .isEqualTo(CheckoutGuardrails.defaults());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        CheckoutGuardrails guardrails = ConfigurationFiles.parse("billing:\n  checkout:\n"
                + "    oneSubscriptionPerGroup: false\n    trialOncePerOwner: false\n"
                + "    trialRequiresPaymentMethod: false\n    trialEndBehavior: create_invoice\n"
                + "    taxIdCollection: true\n").getBilling().checkoutGuardrails();

        assertThat(guardrails).isEqualTo(new CheckoutGuardrails(false, false, false, TrialEndBehavior.CREATE_INVOICE,
                true));
    }

    @Test
    void anUnknownTrialEndBehaviourStopsTheStartInOneLine() throws Exception {
        BillingSection billing = ConfigurationFiles.parse("billing:\n  checkout:\n    trialEndBehavior: sometimes\n")
                .getBilling();

        assertThatThrownBy(billing::checkoutGuardrails).isInstanceOf(StartupProblem.class)
                .hasMessage("billing.checkout.trialEndBehavior: 'sometimes' is not one of [cancel, pause,"
                        + " create_invoice]");
    }

    @Test
    void meteredAddOnsReachTheCheckoutSettingsAndNoneIsTheDefault() throws Exception {
        assertThat(ConfigurationFiles.parse("billing: {}\n").getBilling().checkoutSettings().meteredAddOns()).isEmpty();

        BillingSection billing = ConfigurationFiles.parse("billing:\n  checkout:\n    meteredAddOns:\n"
                + "      team_monthly: [api_calls_monthly, price_tokens]\n").getBilling();

        assertThat(billing.checkoutSettings().meteredAddOns())
                .isEqualTo(Map.of("team_monthly", List.of("api_calls_monthly", "price_tokens")));
    }
}
