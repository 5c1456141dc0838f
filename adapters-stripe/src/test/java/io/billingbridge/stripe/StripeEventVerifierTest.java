package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.TEST_CARD;
import static io.billingbridge.stripe.StripeTestKit.WEBHOOK_SECRET;
import static io.billingbridge.stripe.StripeTestKit.await;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeEventVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final StripeEventVerifier VERIFIER = new StripeEventVerifier(WEBHOOK_SECRET,
            Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String SUBSCRIPTION_EVENT = """
            {"id":"evt_1","object":"event","api_version":"2026-07-29.dahlia","created":1799999990,\
            "type":"customer.subscription.updated","livemode":false,"pending_webhooks":1,\
            "request":{"id":null,"idempotency_key":null},\
            "data":{"object":{"id":"sub_123","object":"subscription","customer":"cus_ABC","status":"active"}}}""";

    private static StripeEmulator emulator;
    private static HttpServer receiver;
    private static final List<WebhookDelivery> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        emulator = StripeTestKit.emulator();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/webhooks/stripe", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            RECEIVED.add(new WebhookDelivery(body, Map.of("Stripe-Signature",
                    exchange.getRequestHeaders().getFirst("Stripe-Signature"))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        emulator.addWebhookEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/stripe",
                WEBHOOK_SECRET);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.stop(0);
    }

    private static WebhookDelivery signed(String payload, String secret, long timestamp) {
        try {
            String signature = Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
            return new WebhookDelivery(payload.getBytes(StandardCharsets.UTF_8),
                    Map.of("stripe-signature", "t=" + timestamp + ",v1=" + signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRejected(WebhookDelivery delivery, String code) {
        assertThatThrownBy(() -> VERIFIER.verify(delivery))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void validSignatureGivesTheEventAskingToResyncItsCustomer() {
        VerifiedEvent event = VERIFIER.verify(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond()));

        assertThat(event).isEqualTo(new VerifiedEvent("evt_1", "customer.subscription.updated",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_ABC"))));
    }

    private static WebhookWork workOf(String type, String object) {
        String payload = "{\"id\":\"evt_w\",\"object\":\"event\",\"created\":1799999999,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + object + "}}";
        return VERIFIER.verify(signed(payload, WEBHOOK_SECRET, NOW.getEpochSecond())).work();
    }

    @Test
    void aCustomerEventNamesTheCustomerItself() {
        assertThat(workOf("customer.deleted", "{\"id\":\"cus_GONE\",\"object\":\"customer\"}"))
                .isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_GONE")));
        assertThat(workOf("invoice.paid", "{\"id\":\"in_1\",\"customer\":{\"id\":\"cus_X\"}}"))
                .as("an expanded customer").isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_X")));
    }

    @Test
    void theEventsTheApplicationIsToldAboutCarryTheirObjectToReRead() {
        assertThat(workOf("checkout.session.completed", "{\"id\":\"cs_test_1\",\"customer\":\"cus_A\"}"))
                .isEqualTo(new WebhookWork.CheckoutCompleted(new CustomerId("cus_A"), new CheckoutSessionId("cs_test_1")));
        assertThat(workOf("invoice.payment_failed", "{\"id\":\"in_1\",\"customer\":\"cus_A\"}"))
                .isEqualTo(new WebhookWork.InvoicePaymentFailed(new CustomerId("cus_A"), new InvoiceId("in_1")));
        assertThat(workOf("invoice.payment_action_required", "{\"id\":\"in_2\",\"customer\":\"cus_A\"}"))
                .isEqualTo(new WebhookWork.InvoiceActionRequired(new CustomerId("cus_A"), new InvoiceId("in_2")));
        assertThat(workOf("customer.subscription.trial_will_end", "{\"id\":\"sub_1\",\"customer\":\"cus_A\"}"))
                .isEqualTo(new WebhookWork.TrialWillEnd(new CustomerId("cus_A"), new SubscriptionId("sub_1")));
        assertThat(workOf("invoice.payment_failed", "{\"id\":\"not an id\",\"customer\":\"cus_A\"}"))
                .as("a malformed id falls back to the customer re-sync")
                .isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_A")));
        assertThat(workOf("invoice.payment_failed", "{\"id\":\"in_1\",\"customer\":null}"))
                .as("no customer: not one of ours").isEqualTo(new WebhookWork.Nothing());
    }

    @Test
    void anEventThatNamesNoCustomerNeedsNothing() {
        assertThat(workOf("balance.available", "{\"object\":\"balance\"}")).isEqualTo(new WebhookWork.Nothing());
        assertThat(workOf("invoice.paid", "{\"id\":\"in_1\",\"customer\":null}")).isEqualTo(new WebhookWork.Nothing());
        assertThat(workOf("invoice.paid", "{\"id\":\"in_1\",\"customer\":\"not a customer id\"}"))
                .isEqualTo(new WebhookWork.Nothing());
    }

    @Test
    void tamperedBodyIsRejected() {
        WebhookDelivery genuine = signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond());
        WebhookDelivery tampered = new WebhookDelivery(SUBSCRIPTION_EVENT.replace("cus_ABC", "cus_EVE")
                .getBytes(StandardCharsets.UTF_8), Map.of("Stripe-Signature", genuine.header("stripe-signature")
                .orElseThrow()));

        assertRejected(tampered, "invalid_signature");
    }

    @Test
    void wrongSecretIsRejected() {
        assertRejected(signed(SUBSCRIPTION_EVENT, "whsec_someone_else", NOW.getEpochSecond()), "invalid_signature");
    }

    @Test
    void staleTimestampIsRejectedButOneWithinToleranceIsNot() {
        assertRejected(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() - 301), "invalid_signature");
        assertThat(VERIFIER.verify(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() - 299))
                .eventId()).isEqualTo("evt_1");
    }

    @Test
    void aTimestampMoreThanTheToleranceInTheFutureIsRejectedButClockSkewIsNot() {
        assertRejected(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() + 600), "invalid_signature");
        assertRejected(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() + 301), "invalid_signature");
        assertRejected(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() - 600), "invalid_signature");
        assertThat(VERIFIER.verify(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() + 30))
                .eventId()).isEqualTo("evt_1");
        assertThat(VERIFIER.verify(signed(SUBSCRIPTION_EVENT, WEBHOOK_SECRET, NOW.getEpochSecond() + 300))
                .eventId()).isEqualTo("evt_1");
    }

    @Test
    void missingOrGarbledHeaderIsRejected() {
        byte[] body = SUBSCRIPTION_EVENT.getBytes(StandardCharsets.UTF_8);
        assertRejected(new WebhookDelivery(body, Map.of()), "invalid_signature");
        assertRejected(new WebhookDelivery(body, Map.of("Stripe-Signature", "nonsense")), "invalid_signature");
    }

    @Test
    void signedBodyThatIsNoEventIsInvalidPayload() {
        assertRejected(signed("not json at all", WEBHOOK_SECRET, NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed("{\"id\":\"evt_2\",\"type\":\"x\",\"created\":1}", WEBHOOK_SECRET,
                NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed("[1,2]", WEBHOOK_SECRET, NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed("{\"id\":\"evt_3\",\"type\":\"x\",\"data\":{\"object\":{}}}", WEBHOOK_SECRET,
                NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed("{\"id\":\"evt_4\",\"created\":1,\"data\":{\"object\":{}}}", WEBHOOK_SECRET,
                NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed("{\"id\":7,\"type\":\"x\",\"created\":1,\"data\":{\"object\":{}}}", WEBHOOK_SECRET,
                NOW.getEpochSecond()), "invalid_payload");
    }

    private static String eventWithId(String id) {
        return SUBSCRIPTION_EVENT.replace("\"id\":\"evt_1\"", "\"id\":\"" + id + "\"");
    }

    @Test
    void aSignedEventWhoseIdIsEmptyOrLongerThan255CharactersIsInvalidPayload() {
        assertRejected(signed(eventWithId("evt_" + "x".repeat(252)), WEBHOOK_SECRET, NOW.getEpochSecond()),
                "invalid_payload");
        assertRejected(signed(eventWithId(""), WEBHOOK_SECRET, NOW.getEpochSecond()), "invalid_payload");
        assertThat(VERIFIER.verify(signed(eventWithId("evt_" + "x".repeat(251)), WEBHOOK_SECRET,
                NOW.getEpochSecond())).eventId()).hasSize(255);
    }

    /** A body nested {@code depth} levels deep, inside the metadata of an otherwise valid customer event. */
    private static String nested(int depth) {
        return """
                {"id":"evt_deep","object":"event","created":1799999990,"type":"customer.updated",\
                "data":{"object":{"id":"cus_ABC","object":"customer","metadata":{"x":""" + "[".repeat(depth)
                + "]".repeat(depth) + "}}}}";
    }

    @Test
    void aSignedPayloadNested100000LevelsDeepIsInvalidPayloadNotAStackOverflow() {
        assertRejected(signed(nested(100_000), WEBHOOK_SECRET, NOW.getEpochSecond()), "invalid_payload");
        assertRejected(signed(nested(StripeEventVerifier.MAX_NESTING_DEPTH), WEBHOOK_SECRET, NOW.getEpochSecond()),
                "invalid_payload");
        assertThat(VERIFIER.verify(signed(nested(StripeEventVerifier.MAX_NESTING_DEPTH - 5), WEBHOOK_SECRET,
                NOW.getEpochSecond())).work()).isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_ABC")));
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() {
        String payload = nested(1).replace("\"x\":[]", "\"x\":\"" + "[{\\\"".repeat(2_000) + "\"");
        assertThat(VERIFIER.verify(signed(payload, WEBHOOK_SECRET, NOW.getEpochSecond())).eventId())
                .isEqualTo("evt_deep");
    }

    @Test
    void priceAndProductEventsRefreshTheCatalog() {
        String payload = """
                {"id":"evt_3","object":"event","created":1799999999,"type":"price.updated",\
                "data":{"object":{"id":"price_9","object":"price","product":"prod_1"}}}""";

        VerifiedEvent event = VERIFIER.verify(signed(payload, WEBHOOK_SECRET, NOW.getEpochSecond()));

        assertThat(event.work()).isEqualTo(new WebhookWork.RefreshCatalog());
        assertThat(workOf("product.updated", "{\"id\":\"prod_1\",\"object\":\"product\"}"))
                .isEqualTo(new WebhookWork.RefreshCatalog());
    }

    @Test
    void detachedPaymentMethodNamesTheCustomerItWasDetachedFrom() {
        String payload = """
                {"id":"evt_4","object":"event","created":1799999999,"type":"payment_method.detached",\
                "data":{"object":{"id":"pm_1","object":"payment_method","customer":null},\
                "previous_attributes":{"customer":"cus_OLD"}}}""";

        VerifiedEvent event = VERIFIER.verify(signed(payload, WEBHOOK_SECRET, NOW.getEpochSecond()));

        assertThat(event.work()).isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_OLD")));
    }

    @Test
    void eventsDeliveredByTheEmulatorVerifyAndNameTheirCustomer() {
        StripePaymentProvider provider = new StripePaymentProvider(StripeTestKit.settings(emulator).build());
        StripeEventVerifier verifier = new StripeEventVerifier(StripeTestKit.settings(emulator).build());
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        String session = provider.createCheckoutSession(checkout(customer, owner,
                price(provider, PRO_MONTHLY), 1, Optional.empty())).id().value();
        emulator.completeCheckout(session, TEST_CARD);

        WebhookWork resync = new WebhookWork.ResyncCustomer(customer);
        await("invoice.paid delivered", Duration.ofSeconds(10), () -> verifiedEvents(verifier).stream()
                .anyMatch(e -> e.type().equals("invoice.paid") && e.work().equals(resync)));
        List<VerifiedEvent> mine = verifiedEvents(verifier).stream().filter(e -> e.work().equals(resync)).toList();

        assertThat(mine).extracting(VerifiedEvent::type).containsOnlyOnce("customer.created",
                "customer.subscription.created", "invoice.paid");
        assertThat(mine).extracting(VerifiedEvent::eventId).doesNotHaveDuplicates();
        assertThat(verifiedEvents(verifier)).filteredOn(e -> e.type().equals("checkout.session.completed"))
                .extracting(VerifiedEvent::work).as("re-read, then its customer re-synced, when the work is done")
                .containsOnlyOnce(new WebhookWork.CheckoutCompleted(customer, new CheckoutSessionId(session)));
    }

    private static List<VerifiedEvent> verifiedEvents(StripeEventVerifier verifier) {
        return RECEIVED.stream().map(verifier::verify).toList();
    }
}
