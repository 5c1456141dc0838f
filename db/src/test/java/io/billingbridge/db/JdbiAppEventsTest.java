package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.events.AppEvent;
import io.billingbridge.core.events.EventDelivery;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.PurchasedItem;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.db.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiAppEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final String A = "https://a.app.test/events";
    private static final String B = "https://b.app.test/events";
    private static final Owner ALICE = Owner.user("user_alice");
    private static final CustomerId CUSTOMER = new CustomerId("cus_alice");

    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
    private final JdbiEventOutbox outbox = new JdbiEventOutbox(jdbi);

    private static AppEvent.CheckoutCompleted checkout() {
        return new AppEvent.CheckoutCompleted(ALICE, new CheckoutDetails(new CheckoutSessionId("cs_test_1"),
                Optional.of(CUSTOMER), CheckoutMode.PAYMENT, true, List.of(new PurchasedItem(
                        new PriceId("price_pack"), Optional.of("prod_pack"), 2, new Money(1000, "usd")))));
    }

    private static InvoiceNotice invoice() {
        return new InvoiceNotice(new InvoiceId("in_1"), Optional.of(CUSTOMER), new Money(1900, "usd"),
                Optional.of(URI.create("https://pay.test/in_1")), 1, Optional.of(T0.plusSeconds(86_400)));
    }

    private JsonNode body(String endpoint) throws Exception {
        List<PendingDelivery> due = outbox.claimDue(endpoint, T0.plusSeconds(1), CLAIM, 10);
        assertThat(due).hasSize(1);
        return JSON.readTree(due.get(0).body());
    }

    @Test
    void aCompletedCheckoutIsRenderedInTheEnvelopeWithItsLineItems() throws Exception {
        assertThat(outbox.record(checkout(), List.of(A), T0)).isTrue();

        assertThat(body(A)).isEqualTo(JSON.readTree("{\"type\":\"checkout.completed\",\"timestamp\":\"" + T0 + "\","
                + "\"data\":{\"owner\":{\"type\":\"user\",\"id\":\"user_alice\"},\"session\":\"cs_test_1\","
                + "\"mode\":\"payment\",\"lineItems\":[{\"price\":\"price_pack\",\"product\":\"prod_pack\","
                + "\"quantity\":2,\"amount\":{\"amount\":1000,\"currency\":\"usd\"}}]}}"));
    }

    @Test
    void paymentEventsCarryTheInvoiceAsTheBillingViewShowsItAndNoCustomerDetails() throws Exception {
        outbox.record(new AppEvent.PaymentActionRequired(ALICE, invoice()), List.of(A), T0);

        JsonNode body = body(A);
        assertThat(body.get("type").asText()).isEqualTo("payment.action_required");
        assertThat(body.get("data")).isEqualTo(JSON.readTree("{\"owner\":{\"type\":\"user\",\"id\":\"user_alice\"},"
                + "\"invoice\":\"in_1\",\"amountDue\":{\"amount\":1900,\"currency\":\"usd\"},"
                + "\"hostedInvoiceUrl\":\"https://pay.test/in_1\",\"attemptCount\":1,"
                + "\"nextAttempt\":\"" + T0.plusSeconds(86_400) + "\"}"));
    }

    @Test
    void trialAndUsageEventsAreRenderedWithTheirOwnFields() throws Exception {
        outbox.record(new AppEvent.TrialWillEnd(ALICE, new SubscriptionId("sub_1"), Optional.of("Pro"),
                T0.plusSeconds(259_200)), List.of(A), T0);
        outbox.record(new AppEvent.UsageRejected(Owner.organization("org_acme"), "req_1", "api_calls", 7,
                "no_metered_subscription"), List.of(B), T0);

        assertThat(body(A).get("data")).isEqualTo(JSON.readTree("{\"owner\":{\"type\":\"user\","
                + "\"id\":\"user_alice\"},\"subscription\":\"sub_1\",\"plan\":\"Pro\",\"trialEnd\":\""
                + T0.plusSeconds(259_200) + "\"}"));
        assertThat(body(B)).isEqualTo(JSON.readTree("{\"type\":\"usage.rejected\",\"timestamp\":\"" + T0 + "\","
                + "\"data\":{\"owner\":{\"type\":\"organization\",\"id\":\"org_acme\"},\"identifier\":\"req_1\","
                + "\"event\":\"api_calls\",\"value\":7,\"reason\":\"no_metered_subscription\"}}"));
    }

    @Test
    void recordingTheSameEventAgainLeavesTheFirstRowAsItWas() {
        assertThat(outbox.record(checkout(), List.of(A), T0)).isTrue();
        outbox.markFailed(checkout().id(), A, T0.plusSeconds(30), "500");

        assertThat(outbox.record(checkout(), List.of(A), T0.plusSeconds(5))).isFalse();
        assertThat(outbox.record(checkout(), List.of(A, B), T0.plusSeconds(5))).as("new for B").isTrue();

        assertThat(outbox.list(EventDelivery.Filter.all(), Optional.empty(), 10))
                .extracting(EventDelivery::endpoint, EventDelivery::attempts, EventDelivery::createdAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(B, 0, T0.plusSeconds(5)),
                        org.assertj.core.groups.Tuple.tuple(A, 1, T0));
    }

    @Test
    void listsNewestFirstByOwnerTypeStateAndEndpointAPageAtATime() {
        outbox.record(checkout(), List.of(A), T0);
        outbox.record(new AppEvent.PaymentFailed(ALICE, invoice()), List.of(A, B), T0.plusSeconds(1));
        outbox.record(new AppEvent.UsageRejected(Owner.organization("org_acme"), "req_1", "api_calls", 7,
                "no_customer"), List.of(A), T0.plusSeconds(2));
        outbox.markDelivered(checkout().id(), A, T0.plusSeconds(3));
        outbox.markFailed(new AppEvent.PaymentFailed(ALICE, invoice()).id(), B, T0.plusSeconds(60), "timeout");

        List<EventDelivery> all = outbox.list(EventDelivery.Filter.all(), Optional.empty(), 10);
        assertThat(all).extracting(EventDelivery::type).containsExactly(EventType.USAGE_REJECTED,
                EventType.PAYMENT_FAILED, EventType.PAYMENT_FAILED, EventType.CHECKOUT_COMPLETED);
        assertThat(all.get(3).state()).isEqualTo(EventDelivery.State.DELIVERED);
        assertThat(all.get(3).deliveredAt()).contains(T0.plusSeconds(3));
        assertThat(all.get(3).nextAttemptAt()).isEmpty();

        assertThat(outbox.list(new EventDelivery.Filter(Optional.of(ALICE), Optional.empty(), Optional.empty(),
                Optional.empty()), Optional.empty(), 10)).hasSize(3);
        assertThat(outbox.list(new EventDelivery.Filter(Optional.empty(), Optional.empty(),
                Optional.of(EventDelivery.State.FAILED), Optional.empty()), Optional.empty(), 10))
                .singleElement().satisfies(d -> {
                    assertThat(d.endpoint()).isEqualTo(B);
                    assertThat(d.lastError()).contains("timeout");
                    assertThat(d.nextAttemptAt()).contains(T0.plusSeconds(60));
                });
        assertThat(outbox.list(new EventDelivery.Filter(Optional.empty(), Optional.of(EventType.CHECKOUT_COMPLETED),
                Optional.empty(), Optional.of(A)), Optional.empty(), 10)).hasSize(1);
        assertThat(outbox.list(new EventDelivery.Filter(Optional.empty(), Optional.empty(),
                Optional.of(EventDelivery.State.PENDING), Optional.empty()), Optional.empty(), 10)).hasSize(2);
        assertThat(outbox.list(EventDelivery.Filter.all(), Optional.of(all.get(1).seq()), 10))
                .extracting(EventDelivery::seq).containsExactly(all.get(2).seq(), all.get(3).seq());
    }

    @Test
    void aGivenUpDeliveryRetriedBySupportIsDueNowWithAFreshDayOfRetries() {
        AppEvent.PaymentFailed event = new AppEvent.PaymentFailed(ALICE, invoice());
        outbox.record(event, List.of(A), T0);
        assertThat(outbox.retryNow(event.id(), A, T0.plusSeconds(1))).as("never attempted").isFalse();
        outbox.markGivenUp(event.id(), A, T0.plusSeconds(86_400), "500");
        assertThat(outbox.claimDue(A, T0.plusSeconds(90_000), CLAIM, 10)).isEmpty();

        Instant retried = T0.plusSeconds(100_000);
        assertThat(outbox.retryNow(event.id(), A, retried)).isTrue();

        assertThat(outbox.claimDue(A, retried, CLAIM, 10)).singleElement().satisfies(d -> {
            assertThat(d.retriesFrom()).isEqualTo(retried);
            assertThat(d.attempts()).isEqualTo(1);
        });
        outbox.markDelivered(event.id(), A, retried);
        assertThat(outbox.retryNow(event.id(), A, retried)).as("delivered").isFalse();
    }

    @Test
    void undoneDeliveriesAreCountedByEndpointSoThoseOfARemovedEndpointAreVisible() {
        outbox.record(checkout(), List.of(A, B), T0);
        outbox.record(new AppEvent.PaymentFailed(ALICE, invoice()), List.of(B), T0);
        outbox.markDelivered(checkout().id(), A, T0);

        assertThat(outbox.undoneByEndpoint()).isEqualTo(java.util.Map.of(B, 2L));
    }
}
