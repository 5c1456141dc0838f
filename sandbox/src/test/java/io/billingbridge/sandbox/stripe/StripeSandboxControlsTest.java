package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeSandboxControlsTest {

    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeEmulator emulator;
    private StripeClient stripe;
    private Price monthly;

    @BeforeEach
    void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder()
                .clock(Clock.fixed(START, ZoneOffset.UTC))
                .seedProduct(new StripeEmulatorConfig.SeedProduct("Seeded", null, Map.of(), List.of(),
                        List.of(new StripeEmulatorConfig.SeedPrice("seeded_monthly", 1000, "usd", "month", Map.of()))))
                .build());
        stripe = client(emulator);
        monthly = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("seeded_monthly").build())
                .getData().get(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private Subscription subscribe(Long trialDays) throws Exception {
        SessionCreateParams.Builder params = StripeTestSupport.subscriptionCheckout(monthly.getId(), 1)
                .setCustomerEmail("clock@example.com");
        if (trialDays != null) {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(trialDays)
                    .build());
        }
        Session session = stripe.v1().checkout().sessions().create(params.build());
        HttpResponse<String> completed = post("/_sandbox/checkout/" + session.getId() + "/complete",
                "card=4242424242424242");
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(completed.body()).get("redirect_url").asText()).endsWith(session.getId());
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    @Test
    void advancingPastPeriodEndRenewsWithANewPaidInvoice() throws Exception {
        Subscription subscription = subscribe(null);
        SubscriptionItem item = subscription.getItems().getData().get(0);
        assertThat(item.getCurrentPeriodStart()).isEqualTo(START.getEpochSecond());
        assertThat(item.getCurrentPeriodEnd()).isEqualTo(Instant.parse("2026-02-15T10:00:00Z").getEpochSecond());

        HttpResponse<String> advanced = post("/_sandbox/clock/advance", "days=32");
        assertThat(JSON.readTree(advanced.body()).get("now").asLong()).isEqualTo(START.getEpochSecond() + 32 * 86_400);

        Subscription renewed = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(renewed.getItems().getData().get(0).getCurrentPeriodEnd())
                .isEqualTo(Instant.parse("2026-03-15T10:00:00Z").getEpochSecond());
        List<Invoice> invoices = stripe.v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscription.getId()).build()).getData();
        assertThat(invoices).extracting(Invoice::getBillingReason)
                .containsExactly("subscription_cycle", "subscription_create");
        assertThat(invoices.get(0).getStatus()).isEqualTo("paid");
        assertThat(renewed.getLatestInvoice()).isEqualTo(invoices.get(0).getId());
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.paid").build()).getData())
                .hasSize(2);
    }

    @Test
    void trialEndsIntoAPaidActiveSubscription() throws Exception {
        Subscription trialing = subscribe(7L);
        assertThat(trialing.getStatus()).isEqualTo("trialing");
        assertThat(trialing.getTrialEnd()).isEqualTo(START.getEpochSecond() + 7 * 86_400);
        Invoice trialInvoice = stripe.v1().invoices().retrieve(trialing.getLatestInvoice());
        assertThat(trialInvoice.getAmountPaid()).isZero();
        assertThat(trialInvoice.getStatus()).isEqualTo("paid");

        emulator.advanceClock(Duration.ofDays(8));
        Subscription active = stripe.v1().subscriptions().retrieve(trialing.getId());
        assertThat(active.getStatus()).isEqualTo("active");
        Invoice first = stripe.v1().invoices().retrieve(active.getLatestInvoice());
        assertThat(first.getAmountPaid()).isEqualTo(1000L);
        assertThat(first.getBillingReason()).isEqualTo("subscription_cycle");
        Event updated = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.subscription.updated").setLimit(1L).build()).getData().get(0);
        assertThat(updated.getData().getPreviousAttributes()).containsEntry("status", "trialing");
    }

    @Test
    void cancelAtPeriodEndEndsTheSubscriptionWhenThePeriodEnds() throws Exception {
        Subscription subscription = subscribe(null);
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(true).build());
        emulator.advanceClock(Duration.ofDays(40));
        Subscription ended = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(ended.getStatus()).isEqualTo("canceled");
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2026-02-15T10:00:00Z").getEpochSecond());
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(subscription.getId())
                .build()).getData()).hasSize(1);
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("customer.subscription.deleted")
                .build()).getData()).hasSize(1);
    }

    @Test
    void renewalWithoutAPaymentMethodLeavesTheSubscriptionPastDue() throws Exception {
        Subscription subscription = subscribe(null);
        stripe.v1().paymentMethods().detach(subscription.getDefaultPaymentMethod());
        emulator.advanceClock(Duration.ofDays(32));
        Subscription pastDue = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(pastDue.getStatus()).isEqualTo("past_due");
        Invoice unpaid = stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertThat(unpaid.getStatus()).isEqualTo("open");
        assertThat(unpaid.getAmountRemaining()).isEqualTo(1000L);
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.payment_failed").build())
                .getData()).hasSize(1);
    }

    @Test
    void aRenewalChargedToADecliningCardFailsAndIsRetriedTheNextDay() throws Exception {
        Subscription subscription = subscribe(null);
        String declining = stripe.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(subscription.getCustomer()).build()).getId();
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(declining).build());

        emulator.advanceClock(Duration.ofDays(32));

        Invoice failed = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscription.getId())
                .getLatestInvoice());
        assertThat(failed.getStatus()).isEqualTo("open");
        assertThat(failed.getAttemptCount()).isEqualTo(1L);
        assertThat(failed.getNextPaymentAttempt()).isNotNull();
        assertThat(failed.getHostedInvoiceUrl()).isNotNull();
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.payment_failed").build())
                .getData()).singleElement().satisfies(e -> assertThat(((Invoice) e.getDataObjectDeserializer()
                        .deserializeUnsafe()).getId()).isEqualTo(failed.getId()));
    }

    @Test
    void aCardThatAlwaysAsksFor3dSecurePaysAtCheckoutThenLeavesTheRenewalWaitingForTheCustomer() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomerEmail("sca@example.com").build());
        assertThat(post("/_sandbox/checkout/" + session.getId() + "/complete", "card=4000002760003184").statusCode())
                .as("the customer authenticates on the checkout page").isEqualTo(200);
        String subscription = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        assertThat(stripe.v1().subscriptions().retrieve(subscription).getStatus()).isEqualTo("active");

        emulator.advanceClock(Duration.ofDays(32));

        Subscription waiting = stripe.v1().subscriptions().retrieve(subscription);
        assertThat(waiting.getStatus()).isEqualTo("past_due");
        Invoice invoice = stripe.v1().invoices().retrieve(waiting.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getAttemptCount()).isEqualTo(1L);
        assertThat(invoice.getHostedInvoiceUrl()).as("where the customer authenticates").isNotNull();
        assertThat(stripe.v1().events().list(EventListParams.builder()
                .setType("invoice.payment_action_required").build()).getData()).hasSize(1);
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.payment_failed").build())
                .getData()).isEmpty();
    }

    @Test
    void openSessionsExpireAfterADay() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).build());
        emulator.advanceClock(Duration.ofHours(25));
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("expired");
    }

    @Test
    void completingWithADeclinedCardOverHttpIsACardError() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).build());
        HttpResponse<String> declined = post("/_sandbox/checkout/" + session.getId() + "/complete",
                "card=4000000000000002");
        assertThat(declined.statusCode()).isEqualTo(402);
        JsonNode error = JSON.readTree(declined.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("card_error");
        assertThat(error.get("decline_code").asText()).isEqualTo("generic_decline");
    }

    @Test
    void resetForgetsEverythingButTheConfiguredSeed() throws Exception {
        subscribe(null);
        emulator.advanceClock(Duration.ofDays(3));
        assertThat(post("/_sandbox/reset", "").statusCode()).isEqualTo(200);
        assertThat(stripe.v1().customers().list().getData()).isEmpty();
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("customer.*").build()).getData())
                .isEmpty();
        assertThat(getJson("/_sandbox/clock").get("now").asLong()).isEqualTo(START.getEpochSecond());
        assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey("seeded_monthly").build())
                .getData()).hasSize(1);
    }

    @Test
    void deliveriesAndFaultsAreInspectable() throws Exception {
        assertThat(getJson("/_sandbox/deliveries").get("data").isArray()).isTrue();
        JsonNode faults = JSON.readTree(post("/_sandbox/faults", "latency_ms=5&latency_requests=2").body());
        assertThat(faults.get("latency_ms").asLong()).isEqualTo(5);
        assertThat(faults.get("latency_requests").asInt()).isEqualTo(2);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_sandbox/faults")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(post("/_sandbox/clock/advance", "seconds=-5").statusCode()).isEqualTo(400);
        assertThat(post("/_sandbox/faults", "fail_next=1&status=418").statusCode()).isEqualTo(400);
    }
}
