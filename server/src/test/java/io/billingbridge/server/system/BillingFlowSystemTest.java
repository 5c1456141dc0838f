package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four jobs end to end, for a user and for an organization, over real HTTP. */
class BillingFlowSystemTest {
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String checkoutBody(String owner, String price, String extra) {
        return "{\"owner\":\"" + owner + "\",\"price\":\"" + price + "\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                + "/done?session={CHECKOUT_SESSION_ID}\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN + "/pricing\"" + extra + "}";
    }

    @Test
    void userBuysAPlanSeesItAndOpensThePortal() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());

        Reply prices = system.call("GET", "/v1/billing/prices?owner=user").bearer(carol).send();
        assertThat(prices.status()).isEqualTo(200);
        assertThat(prices.json().get("data").findValuesAsText("lookupKey")).contains("pro_monthly", "credits_100")
                .doesNotContain("team_monthly");

        Reply before = system.call("GET", "/v1/billing/customer?owner=user").bearer(carol).send();
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("customer").isNull()).isTrue();

        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(carol)
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sessionId = created.json().get("id").asText();
        assertThat(created.json().get("url").asText()).startsWith(system.sandbox().stripe().baseUrl());

        system.sandbox().stripe().completeCheckout(sessionId, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + sessionId + "/sync").bearer(carol).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        JsonNode billing = synced.json();
        assertThat(billing.get("subscriptions")).hasSize(1);
        assertThat(billing.get("subscriptions").get(0).get("status").asText()).isEqualTo("active");
        assertThat(billing.get("subscriptions").get(0).get("items").get(0).get("lookupKey").asText()).isEqualTo("pro_monthly");
        assertThat(billing.get("entitlements").toString()).contains("pro_features");
        assertThat(billing.get("paymentMethods").get(0).get("last4").asText()).isEqualTo("4242");
        assertThat(billing.get("invoices").get(0).get("status").asText()).isEqualTo("paid");

        Reply portal = system.call("POST", "/v1/billing/portal-sessions").bearer(carol)
                .json("{\"owner\":\"user\",\"returnUrl\":\"" + SystemUnderTest.ORIGIN + "/account\"}").send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        assertThat(portal.json().get("url").asText()).startsWith(system.sandbox().stripe().baseUrl());

        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = 'user_carol'")).isEqualTo(1);
    }

    @Test
    void organizationAdminBuysSeatsAndMembersSeeOnlyThePlan() {
        String alice = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String bob = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));

        Reply denied = system.call("POST", "/v1/billing/checkout-sessions").bearer(bob)
                .json(checkoutBody("organization", "team_monthly", "")).send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("error").get("type").asText()).isEqualTo("permission_error");

        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(alice)
                .json(checkoutBody("organization", "team_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sessionId = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(sessionId, "4242424242424242");

        SystemUnderTest.await("the webhook to sync the organization's snapshot", Duration.ofSeconds(20), () -> {
            JsonNode view = system.call("GET", "/v1/billing/customer?owner=organization").bearer(alice).send().json();
            return view.get("subscriptions") != null && view.get("subscriptions").size() == 1;
        });
        JsonNode forAdmin = system.call("GET", "/v1/billing/customer?owner=organization").bearer(alice).send().json();
        JsonNode item = forAdmin.get("subscriptions").get(0).get("items").get(0);
        assertThat(item.get("quantity").asLong()).as("seats = members of Acme").isEqualTo(2);
        assertThat(forAdmin.get("subscriptions").get(0).get("status").asText()).isEqualTo("trialing");
        assertThat(forAdmin.has("invoices")).isTrue();

        Reply forMember = system.call("GET", "/v1/billing/customer?owner=organization").bearer(bob).send();
        assertThat(forMember.status()).isEqualTo(200);
        assertThat(forMember.json().get("subscriptions")).hasSize(1);
        assertThat(forMember.json().has("invoices")).isFalse();
        assertThat(forMember.json().has("paymentMethods")).isFalse();
        assertThat(forMember.json().has("payments")).isFalse();
    }
}
