package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Product;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.AccessSection;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A metered subscription bought through checkout (a licensed base with a metered add-on listed in its product's
 * metadata), usage sent to Stripe's meter events directly, and {@code GET /v1/billing/usage} showing exactly that
 * usage and its amount, to the callers who may read the plan (here: organization admins only) and nobody else; a
 * metered price bought alone, and a Stripe outage while reading usage answered in the API's error shape.
 */
class MeteredUsageSystemTest {
    private static final String ALICE = ClerkDevInstance.ALICE;
    private static final String BOB = ClerkDevInstance.BOB;
    private static final String CAROL = ClerkDevInstance.CAROL;
    private static final String DAVE = ClerkDevInstance.DAVE;
    private static final String ACME = ClerkDevInstance.ACME;
    private static final String GLOBEX = ClerkDevInstance.GLOBEX;
    private static final String USAGE = "/v1/billing/usage?owner=organization";

    private static SystemUnderTest system;
    private static StripeClient stripe;
    private static Meter meter;
    private static String addOnPrice;
    private static String customer;
    private static String subscription;

    @BeforeAll
    static void start() throws StripeException {
        system = SystemUnderTest.start(1, billing -> billing.setAccess(new AccessSection(List.of("org:admin"), null,
                null)));
        stripe = SystemFixtures.stripe(system);
        meter = stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("API calls")
                .setEventName("system_test_call").setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM).build()).build());
        Product usage = stripe.v1().products().create(ProductCreateParams.builder().setName("API usage")
                .putMetadata("billing_bridge_owner_types", "user,organization").build());
        addOnPrice = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(usage.getId())
                .setCurrency("usd").setUnitAmount(3L).setLookupKey("api_calls_monthly")
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId()).build())
                .build()).getId();
        Product base = stripe.v1().products().create(ProductCreateParams.builder().setName("Metered team")
                .putMetadata("billing_bridge_owner_types", "organization")
                .putMetadata("billing_bridge_group", "metered")
                .putMetadata("billing_bridge_metered_add_ons", "api_calls_monthly").build());
        stripe.v1().prices().create(PriceCreateParams.builder().setProduct(base.getId()).setCurrency("usd")
                .setUnitAmount(2000L).setLookupKey("metered_team_monthly").setRecurring(PriceCreateParams.Recurring
                        .builder().setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());

        SystemFixtures.buyAndSync(system, ALICE, Optional.of(ACME), "organization", "metered_team_monthly");
        JsonNode billing = read(ALICE, Optional.of(ACME), "/v1/billing/customer?owner=organization").json();
        customer = billing.get("customer").asText();
        JsonNode bought = billing.get("subscriptions").get(0);
        subscription = bought.get("id").asText();
        assertThat(bought.get("items")).hasSize(2);
        assertThat(bought.get("items").findValues("meter")).filteredOn(JsonNode::isTextual)
                .extracting(JsonNode::asText).containsExactly(meter.getId());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static Reply read(String user, Optional<String> organization, String path) {
        return system.call("GET", path).bearer(system.token(user, organization)).send();
    }

    private static void report(long value, String identifier) throws StripeException {
        stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder().setEventName("system_test_call")
                .putPayload("stripe_customer_id", customer).putPayload("value", Long.toString(value))
                .setIdentifier(identifier).build());
    }

    @Test
    void usageSentToTheMeterIsShownWithItsAmountAndRefreshesAreServedFromMemory() throws StripeException {
        report(5, "acme-1");
        report(7, "acme-2");
        report(30, "acme-3");

        Reply reply = read(ALICE, Optional.of(ACME), USAGE);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data).hasSize(1);
        JsonNode usage = data.get(0);
        assertThat(usage.at("/meter/id").asText()).isEqualTo(meter.getId());
        assertThat(usage.at("/meter/displayName").asText()).isEqualTo("API calls");
        assertThat(usage.at("/meter/eventName").asText()).isEqualTo("system_test_call");
        assertThat(usage.get("subscription").asText()).isEqualTo(subscription);
        assertThat(usage.at("/price/id").asText()).isEqualTo(addOnPrice);
        assertThat(usage.at("/price/unitAmount/amount").asLong()).isEqualTo(3);
        assertThat(usage.at("/price/unitAmount/currency").asText()).isEqualTo("usd");
        assertThat(usage.get("usage").decimalValue()).isEqualByComparingTo("42");
        assertThat(usage.at("/amount/amount").asLong()).isEqualTo(126);
        assertThat(usage.get("currentPeriodStart").asText()).isNotEmpty();
        assertThat(usage.get("currentPeriodEnd").asText()).isGreaterThan(usage.get("currentPeriodStart").asText());

        report(100, "acme-4");
        JsonNode again = read(ALICE, Optional.of(ACME), USAGE + "&meter=" + meter.getId()).json().get("data");
        assertThat(again.get(0).get("usage").decimalValue()).as("kept for 30 s").isEqualByComparingTo("42");
        assertThat(read(ALICE, Optional.of(ACME), USAGE + "&meter=mtr_other").json().get("data")).isEmpty();
    }

    @Test
    void aMemberWithoutReadPlanAndAnotherOrganizationAreRefusedAndAnOwnerWithoutMeteredItemsHasNone() {
        assertError(read(BOB, Optional.of(ACME), USAGE), 403, "access_denied");
        assertError(read(DAVE, Optional.of(GLOBEX), USAGE + "&organizationId=" + ACME), 403,
                "not_active_organization");
        assertError(system.call("GET", USAGE).send(), 401, null);
        assertError(read(ALICE, Optional.of(ACME), USAGE + "&meter=api_call"), 400, "invalid_meter");

        Reply dave = read(DAVE, Optional.empty(), "/v1/billing/usage?owner=user");
        assertThat(dave.status()).as(dave.body()).isEqualTo(200);
        assertThat(dave.json().get("data")).isEmpty();
    }

    @Test
    void anAddOnOutsideTheAllowedListIsRefusedAndAMeteredSubscriptionDoesNotChangePlan() {
        Reply checkout = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(ALICE,
                Optional.of(ACME))).json(checkoutBody("organization", "team_monthly",
                ",\"addOns\":[\"api_calls_monthly\"]")).send();
        assertError(checkout, 400, "add_on_not_allowed");

        Reply change = system.call("POST", "/v1/billing/subscriptions/" + subscription + "/change")
                .bearer(system.token(ALICE, Optional.of(ACME)))
                .json("{\"owner\":\"organization\",\"price\":\"team_monthly\"}").send();
        assertError(change, 409, "subscription_metered");
    }

    @Test
    void aMeteredPriceAloneIsBoughtAndAStripeOutageWhileReadingItsUsageIsA503InOurShape() {
        SystemFixtures.buyAndSync(system, CAROL, Optional.empty(), "user", "api_calls_monthly");
        system.sandbox().stripe().failNextRequestsTo("GET", "/v1/billing/meters/[^/]+/event_summaries", 20, 503);
        try {
            Reply down = read(CAROL, Optional.empty(), "/v1/billing/usage?owner=user");
            assertError(down, 503, "provider_unavailable");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
        } finally {
            system.sandbox().stripe().clearFaults();
        }

        Reply up = read(CAROL, Optional.empty(), "/v1/billing/usage?owner=user");
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().get("data")).singleElement().satisfies(usage -> {
            assertThat(usage.at("/price/id").asText()).isEqualTo(addOnPrice);
            assertThat(usage.get("usage").decimalValue()).isEqualByComparingTo("0");
            assertThat(usage.at("/amount/amount").asLong()).isZero();
        });
    }
}
