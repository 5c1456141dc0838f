package io.billingbridge.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeCallSignalsTest {
    private static StripeEmulator emulator;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final BillingSignals signals = new BillingSignals() {
        @Override
        public void stripeCall(String method, String endpoint, String outcome, double seconds) {
            assertThat(seconds).isNotNegative();
            calls.add(method + " " + endpoint + " " + outcome);
        }
    };

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void everyAttemptIsSignalledWithItsEndpointTemplateAndOutcome() {
        StripePaymentProvider requests = StripePaymentProvider.providers(StripeTestKit.settings(emulator)
                .maxNetworkRetries(2).requestTimeout(Duration.ofSeconds(5)).build(), signals).requests();
        emulator.failNextRequests(2, 500);

        requests.activePrices();
        assertThatThrownBy(() -> requests.fetchSnapshot(new CustomerId("cus_doesnotexist"), Instant.now()))
                .isInstanceOf(NotFound.class);

        assertThat(calls).startsWith("GET /v1/prices server_error", "GET /v1/prices server_error",
                "GET /v1/prices ok");
        assertThat(calls).contains("GET /v1/customers/{id} client_error");
        assertThat(calls).noneMatch(call -> call.contains("cus_"));
        emulator.clearFaults();
    }

    @Test
    void idsAndUnknownSegmentsNeverReachTheTemplate() {
        assertThat(StripeEndpoints.template("/v1/customers/cus_Q1w2E3/payment_methods"))
                .isEqualTo("/v1/customers/{id}/payment_methods");
        assertThat(StripeEndpoints.template("/v1/checkout/sessions/cs_test_abc/line_items"))
                .isEqualTo("/v1/checkout/sessions/{id}/line_items");
        assertThat(StripeEndpoints.template("/v1/customers/search")).isEqualTo("/v1/customers/search");
        assertThat(StripeEndpoints.template("/v1/billing_portal/sessions")).isEqualTo("/v1/billing_portal/sessions");
        assertThat(StripeEndpoints.template("/v1/subscriptions/abcdefgh")).isEqualTo("/v1/subscriptions/{id}");
        assertThat(StripeEndpoints.template("/v1/alice@example.com")).isEqualTo("/v1/{id}");
        assertThat(StripeEndpoints.template("/v1/billing/meter_events")).isEqualTo("/v1/billing/meter_events");
        assertThat(StripeEndpoints.template("/v1/billing/meters")).isEqualTo("/v1/billing/meters");
    }

    @Test
    void statusCodesMapToOutcomes() {
        assertThat(BudgetedHttpClient.outcome(200)).isEqualTo("ok");
        assertThat(BudgetedHttpClient.outcome(404)).isEqualTo("client_error");
        assertThat(BudgetedHttpClient.outcome(429)).isEqualTo("rate_limited");
        assertThat(BudgetedHttpClient.outcome(503)).isEqualTo("server_error");
    }
}
