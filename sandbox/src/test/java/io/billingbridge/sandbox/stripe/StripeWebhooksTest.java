package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StripeWebhooksTest {

    /** One POST the receiver got. */
    private record Received(String path, String signature, String payload) {
    }

    private static final String CONFIGURED_SECRET = "whsec_configured_at_start_0123456789";
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static final Map<String, Class<? extends StripeObject>> TYPES = Map.of(
            "checkout.session", Session.class, "customer.subscription", Subscription.class,
            "invoice", Invoice.class, "payment_intent", PaymentIntent.class, "charge", Charge.class,
            "payment_method", PaymentMethod.class, "customer", Customer.class);

    private static HttpServer receiver;
    private static StripeEmulator emulator;
    private static StripeClient stripe;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                boolean fail = exchange.getRequestURI().getPath().equals("/flaky")
                        && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                if (!fail) {
                    RECEIVED.add(new Received(exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Stripe-Signature"), payload));
                }
                exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder()
                .webhookEndpoint(new StripeEmulatorConfig.WebhookEndpoint(base + "/configured", CONFIGURED_SECRET,
                        List.of("checkout.session.completed")))
                .webhookRetry(new StripeEmulatorConfig.WebhookRetry(4, Duration.ofMillis(20), Duration.ofMillis(100)))
                .build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.stop(0);
    }

    private static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static List<Received> receivedAt(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void subscriptionCheckoutEventsArriveSignedTypedAndInStripesOrder() throws Exception {
        Price price = StripeTestSupport.monthly(stripe, StripeTestSupport.product(stripe, "Hooks").getId(), 1200);
        WebhookEndpoint endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                .setUrl(receiverUrl("/api-created")).addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.ALL)
                .build());
        assertThat(endpoint.getSecret()).startsWith("whsec_");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                price.getId(), 1).setCustomerEmail("hooks@example.com").build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        assertThat(receivedAt("/configured")).as("Checkout waits for the completed webhook before returning")
                .hasSize(1);
        assertThat(receivedAt("/api-created")).extracting(r -> verify(r, endpoint.getSecret()).getType())
                .contains("checkout.session.completed");

        List<String> expected = List.of("customer.created", "checkout.session.completed",
                "customer.subscription.created", "payment_method.attached", "customer.updated", "invoice.created",
                "invoice.finalized", "payment_intent.succeeded", "charge.succeeded", "invoice.paid",
                "invoice.payment_succeeded", "customer.subscription.updated");
        StripeTestSupport.await("all checkout events", Duration.ofSeconds(20),
                () -> receivedAt("/api-created").size() >= expected.size());
        List<Event> events = receivedAt("/api-created").stream().map(r -> verify(r, endpoint.getSecret())).toList();
        assertThat(events).extracting(Event::getType).containsExactlyElementsOf(expected);
        for (Event event : events) {
            assertThat(event.getApiVersion()).isEqualTo("2026-07-29.dahlia");
            String family = event.getType().substring(0, event.getType().lastIndexOf('.'));
            assertThat(event.getDataObjectDeserializer().getObject()).as(event.getType())
                    .hasValueSatisfying(object -> assertThat(object).isInstanceOf(TYPES.get(family)));
        }
        Session completed = (Session) events.get(1).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(completed.getSubscription()).isNotNull();
        Subscription created = (Subscription) events.get(2).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(created.getStatus()).isEqualTo("incomplete");
        Event updated = events.get(11);
        assertThat(((Subscription) updated.getDataObjectDeserializer().getObject().orElseThrow()).getStatus())
                .isEqualTo("active");
        assertThat(updated.getData().getPreviousAttributes()).containsEntry("status", "incomplete");

        StripeTestSupport.await("configured endpoint", Duration.ofSeconds(20),
                () -> !receivedAt("/configured").isEmpty());
        Event configured = verify(receivedAt("/configured").get(0), CONFIGURED_SECRET);
        assertThat(configured.getType()).isEqualTo("checkout.session.completed");
        assertThat(stripe.v1().events().retrieve(configured.getId()).getType())
                .isEqualTo("checkout.session.completed");
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.paid").build()).getData())
                .isNotEmpty().allSatisfy(e -> assertThat(e.getType()).isEqualTo("invoice.paid"));
    }

    @Test
    void signatureIsStripesHeaderFormatAndRejectsOtherSecrets() throws Exception {
        stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(receiverUrl("/format"))
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).build());
        StripeTestSupport.customer(stripe, "format@example.com");
        StripeTestSupport.await("customer.created", Duration.ofSeconds(20), () -> !receivedAt("/format").isEmpty());
        Received received = receivedAt("/format").get(0);
        assertThat(received.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Webhook.constructEvent(received.payload(),
                received.signature(), "whsec_wrong")).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoff() throws StripeException {
        FAILURES_LEFT.set(2);
        String secret = emulator.addWebhookEndpoint(receiverUrl("/flaky"), "whsec_flaky_endpoint").secret();
        Customer customer = StripeTestSupport.customer(stripe, "flaky@example.com");
        StripeTestSupport.await("retried delivery", Duration.ofSeconds(20), () -> !receivedAt("/flaky").isEmpty());
        Event event = verify(receivedAt("/flaky").get(0), secret);
        assertThat(((Customer) event.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .isEqualTo(customer.getId());
        StripeTestSupport.await("delivery recorded", Duration.ofSeconds(5), () -> emulator.webhookDeliveries()
                .stream().anyMatch(d -> d.eventId().equals(event.getId()) && "succeeded".equals(d.state())
                        && d.attempts() == 3));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void deliveryGivesUpAfterMaxAttempts() throws StripeException {
        String endpointId = emulator.addWebhookEndpoint("http://127.0.0.1:1/unreachable", "whsec_unreachable").id();
        StripeTestSupport.product(stripe, "Unreachable");
        StripeTestSupport.await("delivery failed", Duration.ofSeconds(20), () -> emulator.webhookDeliveries()
                .stream().anyMatch(d -> d.endpointId().equals(endpointId) && "failed".equals(d.state())
                        && d.attempts() == 4 && d.lastStatus() == 0));
    }

    private static Event verify(Received received, String secret) {
        try {
            return Webhook.constructEvent(received.payload(), received.signature(), secret);
        } catch (SignatureVerificationException e) {
            throw new AssertionError("signature did not verify", e);
        }
    }
}
