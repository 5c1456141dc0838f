package io.billingbridge.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentIdsTest {

    @Test
    void eachIdAcceptsOnlyItsOwnStripePrefix() {
        assertThat(new CheckoutSessionId("cs_test_a1B2").value()).isEqualTo("cs_test_a1B2");
        assertThat(new SubscriptionId("sub_1Mow").value()).isEqualTo("sub_1Mow");
        assertThat(new SubscriptionItemId("si_NcLY").value()).isEqualTo("si_NcLY");
        assertThat(new PortalConfigurationId("bpc_1Mrn").value()).isEqualTo("bpc_1Mrn");

        assertThatThrownBy(() -> new CheckoutSessionId("bps_1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriptionId("si_1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriptionItemId("sub_1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortalConfigurationId("pro_portal")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsRefuseEmptyTailsAndSeparators() {
        assertThatThrownBy(() -> new CheckoutSessionId("cs_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriptionId("sub_1/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckoutSessionId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void idempotencyKeysFollowStripesLimits() {
        assertThat(new IdempotencyKey("billing-bridge-customer-user-user_1").value())
                .isEqualTo("billing-bridge-customer-user-user_1");
        assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey("two words")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freshKeysNeverRepeat() {
        IdempotencyKey first = IdempotencyKey.fresh("billing-bridge-seats-si_1");
        assertThat(first.value()).startsWith("billing-bridge-seats-si_1-");
        assertThat(IdempotencyKey.fresh("billing-bridge-seats-si_1")).isNotEqualTo(first);
    }
}
