package io.billingbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceListParams;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.CheckoutSection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoMeteredAddOnTest {

    @Test
    void theTeamPlanGetsAMeteredAddOnWithItsMeterUnlessTheConfigurationNamesAddOns() throws StripeException {
        try (DemoSandbox sandbox = DemoSandbox.start(0, 0, "http://127.0.0.1:9")) {
            CheckoutSection unconfigured = new CheckoutSection();
            Meter meter = DemoMeteredAddOn.seed(sandbox, unconfigured);

            StripeClient stripe = StripeClient.builder().setApiKey(DemoSandbox.STRIPE_KEY)
                    .setApiBase(sandbox.stripe().baseUrl()).build();
            Price price = stripe.v1().prices().list(PriceListParams.builder()
                    .addLookupKey(DemoMeteredAddOn.PRICE).build()).getData().get(0);
            assertThat(price.getRecurring().getUsageType()).isEqualTo("metered");
            assertThat(price.getRecurring().getMeter()).isEqualTo(meter.getId());
            assertThat(meter.getEventName()).isEqualTo(DemoMeteredAddOn.EVENT_NAME);
            assertThat(unconfigured.meteredAddOns()).isEqualTo(Map.of("team_monthly", List.of(DemoMeteredAddOn.PRICE)));
        }
        try (DemoSandbox sandbox = DemoSandbox.start(0, 0, "http://127.0.0.1:9")) {
            CheckoutSection configured = new CheckoutSection();
            configured.setMeteredAddOns(Map.of("pro_monthly", List.of("my_usage")));
            DemoMeteredAddOn.seed(sandbox, configured);
            assertThat(configured.meteredAddOns()).isEqualTo(Map.of("pro_monthly", List.of("my_usage")));
        }
    }
}
