package io.billingbridge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.server.system.SystemUnderTest;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Webhook processing end to end: a realistic mix of Stripe events about customers that exist in the emulator, some
 * delivered twice, posted concurrently; measured from the first post until the worker has processed every event (each
 * a resync of its customer against the emulator). Not a timed test: run on demand with {@code -Dbenchmark=true}
 * (docs/benchmarks.md); {@code -Dbench.jfr=<file>} records the measured part with JFR.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WebhookMixBenchmark {
    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 100);
    /** The Stripe request budget; unset, the server's default for a test key (Stripe's test-mode limit, 25/s). */
    private static final Integer STRIPE_OPS_PER_SECOND = Integer.getInteger("bench.opsPerSecond");
    private static final int CLIENTS = 16;
    /** Every this many events, one is delivered a second time, as Stripe does after a lost acknowledgement. */
    private static final int DUPLICATE_EVERY = 5;
    private static final Duration PROCESSING_BOUND = Duration.ofMinutes(10);
    private static final List<String> TYPES = List.of("customer.subscription.created",
            "customer.subscription.updated", "invoice.paid", "checkout.session.completed", "customer.updated");

    @Test
    void measure() throws Exception {
        try (SystemUnderTest system = SystemUnderTest.startConfigured(1, config -> {
            WebhookIngestBenchmark.asInProduction(config);
            config.getStripe().setOpsPerSecond(STRIPE_OPS_PER_SECOND);
        })) {
            WebhookIngestBenchmark.requireDurableCommits(system);
            for (int i = 0; i < CUSTOMERS; i++) {
                subscribe(system, system.newUser("user_mix" + i, "Mix"));
            }
            List<String> customers = customers(system);
            assertThat(customers).as("one customer per subscribed user").hasSize(CUSTOMERS);
            SystemUnderTest.await("the setup's own webhooks processed", PROCESSING_BOUND,
                    () -> system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed'") == 0);

            URI uri = URI.create(system.baseUrl(0) + "/v1/webhooks/stripe");
            List<byte[]> deliveries = new ArrayList<>();
            int distinct = 0;
            long now = Instant.now().getEpochSecond();
            for (String customer : customers) {
                for (String type : TYPES) {
                    byte[] request = WebhookIngestBenchmark.request(uri, event("evt_mix_" + distinct, type, customer,
                            now));
                    deliveries.add(request);
                    if (distinct % DUPLICATE_EVERY == 0) {
                        deliveries.add(request);
                    }
                    distinct++;
                }
            }
            Collections.shuffle(deliveries, new Random(11));
            List<List<byte[]>> perClient = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                perClient.add(new ArrayList<>());
            }
            for (int i = 0; i < deliveries.size(); i++) {
                perClient.get(i % CLIENTS).add(deliveries.get(i));
            }

            double loadBefore = WebhookIngestBenchmark.loadAverage();
            long stripeCallsBefore = system.sandbox().stripe().apiRequestCount();
            double ingestRate;
            double accepted;
            double seconds;
            try (Recording recording = WebhookIngestBenchmark.profile()) {
                long start = System.nanoTime();
                ingestRate = RawHttp.postAll(uri, perClient);
                accepted = (System.nanoTime() - start) / 1e9;
                int expected = distinct;
                SystemUnderTest.await("every event of the mix processed", PROCESSING_BOUND, () -> system.count(
                        "SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_mix_%' AND status = 'processed'")
                        == expected);
                seconds = (System.nanoTime() - start) / 1e9;
                if (recording != null) {
                    recording.dump(Path.of(System.getProperty("bench.jfr")));
                }
            }
            double loadAfter = WebhookIngestBenchmark.loadAverage();
            long stripeCalls = system.sandbox().stripe().apiRequestCount() - stripeCallsBefore;
            long recorded = system.count("SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_mix_%'");
            System.out.printf(Locale.ROOT, "Webhook mix end to end, %d cores, %d customers, %d clients, Stripe budget %s ops/s%n"
                            + "  %d deliveries (%d distinct events of %s, %d duplicates)%n"
                            + "  all accepted after %.1f s (%.0f deliveries/s); all processed after %.1f s: "
                            + "%.0f events/s end to end%n"
                            + "  Stripe calls while processing %d (%.1f per distinct event)%n"
                            + "  recorded %d; load average %.1f before, %.1f after%n",
                    Runtime.getRuntime().availableProcessors(), CUSTOMERS, CLIENTS,
                    STRIPE_OPS_PER_SECOND == null ? "25 (test key default)" : STRIPE_OPS_PER_SECOND, deliveries.size(), distinct,
                    TYPES, deliveries.size() - distinct, accepted, ingestRate, seconds, distinct / seconds, stripeCalls,
                    (double) stripeCalls / distinct, recorded,
                    loadBefore, loadAfter);
            assertThat(recorded).as("every distinct event recorded once").isEqualTo(distinct);
        }
    }

    /** The user buys {@code pro_monthly} through the API and pays it in the emulator's hosted checkout. */
    private static void subscribe(SystemUnderTest system, String user) {
        String token = system.token(user, Optional.empty());
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(token).json(
                "{\"owner\":\"user\",\"price\":\"pro_monthly\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                        + "/done?session={CHECKOUT_SESSION_ID}\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN
                        + "/pricing\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync").bearer(token).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
    }

    private static List<String> customers(SystemUnderTest system) throws java.sql.SQLException {
        List<String> customers = new ArrayList<>();
        try (Connection c = system.database().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT customer_id FROM billing_accounts "
                        + "WHERE owner_id LIKE 'user_mix%' AND customer_id IS NOT NULL ORDER BY owner_id")) {
            while (rs.next()) {
                customers.add(rs.getString(1));
            }
        }
        return customers;
    }

    /** A Stripe-shaped event of {@code type} whose object is, or names, {@code customer}. */
    private static String event(String id, String type, String customer, long created) {
        String object = switch (type) {
            case "customer.updated" -> "{\"id\":\"" + customer + "\",\"object\":\"customer\",\"livemode\":false}";
            case "invoice.paid" -> "{\"id\":\"in_" + id + "\",\"object\":\"invoice\",\"customer\":\"" + customer
                    + "\",\"status\":\"paid\",\"amount_paid\":2900,\"currency\":\"usd\"}";
            case "checkout.session.completed" -> "{\"id\":\"cs_" + id + "\",\"object\":\"checkout.session\","
                    + "\"customer\":\"" + customer + "\",\"mode\":\"subscription\",\"status\":\"complete\"}";
            default -> "{\"id\":\"sub_" + id + "\",\"object\":\"subscription\",\"customer\":\"" + customer
                    + "\",\"status\":\"active\"}";
        };
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":" + created
                + ",\"data\":{\"object\":" + object + "},\"livemode\":false,\"pending_webhooks\":1,"
                + "\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"" + type + "\"}";
    }
}
