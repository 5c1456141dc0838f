package io.billingbridge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.system.SystemUnderTest;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Webhook ingest: distinct, correctly signed Stripe events posted concurrently to {@code POST /v1/webhooks/stripe}
 * (signature check and ledger insert). The events ask for no work ({@code balance.available}, no customer), so the
 * worker's processing is excluded; it only marks them processed. Not a timed test: run on demand with
 * {@code mvn -B -o -q -pl server test -Dtest=WebhookIngestBenchmark -Dbenchmark=true} (docs/benchmarks.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WebhookIngestBenchmark {
    private static final int ROUNDS = 5;
    private static final int EVENTS_PER_ROUND = 6_000;
    private static final int WARM_UP_EVENTS = 12_000;
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    /** Connection options that restore PostgreSQL's default, durable commit on the embedded server. */
    private static final String DURABLE_COMMITS = "&options=-c%20synchronous_commit%3Don";

    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void measure() throws Exception {
        try (SystemUnderTest system = SystemUnderTest.startConfigured(1, WebhookIngestBenchmark::asInProduction)) {
            requireDurableCommits(system);
            String url = system.baseUrl(0) + "/v1/webhooks/stripe";
            post(url, WARM_UP_EVENTS);
            List<Double> rates = new ArrayList<>();
            double loadBefore = loadAverage();
            try (Recording recording = profile()) {
                for (int round = 0; round < ROUNDS; round++) {
                    rates.add(post(url, EVENTS_PER_ROUND));
                }
                if (recording != null) {
                    recording.dump(Path.of(System.getProperty("bench.jfr")));
                }
            }
            double loadAfter = loadAverage();
            int sent = sequence.get();
            long recorded = system.count("SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_bench_%'");
            System.out.printf(Locale.ROOT, "Webhook ingest, %d cores, %d clients, %d rounds of %d events%n"
                            + "  POST /v1/webhooks/stripe (verify + ledger insert)  median %.0f events/s (rounds: %s)%n"
                            + "  events sent %d, recorded %d; load average %.1f before the rounds, %.1f after%n",
                    Runtime.getRuntime().availableProcessors(), CLIENTS, ROUNDS, EVENTS_PER_ROUND, median(rates),
                    rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(), sent, recorded,
                    loadBefore, loadAfter);
            assertThat(recorded).as("every distinct event recorded once").isEqualTo(sent);
        }
    }

    /**
     * The server as production runs it: logging at INFO (the system tests' WARN would hide a per-event line) and
     * every commit waiting for its WAL flush. The embedded PostgreSQL turns {@code synchronous_commit} off for speed;
     * a 200 from the webhook endpoint promises a durable row, so the benchmark measures it with the flush.
     */
    static void asInProduction(BillingBridgeConfiguration config) {
        ((DefaultLoggingFactory) config.getLoggingFactory()).setLevel("INFO");
        config.getDatabase().setUrl(config.getDatabase().getUrl() + DURABLE_COMMITS);
    }

    /** Fails unless a connection made the way the server makes them waits for the WAL flush on commit. */
    static void requireDurableCommits(SystemUnderTest system) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(system.databaseUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('synchronous_commit')")) {
            rs.next();
            assertThat(rs.getString(1)).as("synchronous_commit of the server's connections").isEqualTo("on");
        }
    }

    /**
     * A JFR recording (the JDK's "profile" settings) of the measured rounds when {@code -Dbench.jfr=<file>} names
     * where to write it, else null; the server runs in this JVM, so the recording covers it.
     */
    static Recording profile() throws java.io.IOException, java.text.ParseException {
        if (System.getProperty("bench.jfr") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    /**
     * Posts {@code events} new events from {@link #CLIENTS} concurrent keep-alive connections; events per second, all
     * 200. The signed requests are built before the clock starts and written as bytes, so the clients, which share
     * the two cores with the server, spend as little of them as they can (the JDK {@code HttpClient} and the HMAC
     * per request took about a third of the JVM's CPU).
     */
    private double post(String url, int events) throws Exception {
        URI uri = URI.create(url);
        int perClient = events / CLIENTS;
        List<List<byte[]>> requests = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<byte[]> mine = new ArrayList<>(perClient);
            for (int i = 0; i < perClient; i++) {
                mine.add(request(uri, event("evt_bench_" + sequence.incrementAndGet(), Instant.now().getEpochSecond())));
            }
            requests.add(mine);
        }
        return RawHttp.postAll(uri, requests);
    }

    /** A complete HTTP/1.1 request posting {@code event} with the signature Stripe would send. */
    static byte[] request(URI uri, String event) throws GeneralSecurityException {
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json; charset=utf-8\r\nStripe-Signature: "
                + signature(body, Instant.now().getEpochSecond()) + "\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head8, head8.length + body.length);
        System.arraycopy(body, 0, request, head8.length, body.length);
        return request;
    }

    /** A Stripe-shaped event about 1 KB long that names no customer, so it asks for no work. */
    static String event(String id, long created) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":" + created
                + ",\"data\":{\"object\":{\"object\":\"balance\",\"available\":[{\"amount\":126400,\"currency\":"
                + "\"usd\",\"source_types\":{\"card\":126400}}],\"connect_reserved\":[{\"amount\":0,\"currency\":"
                + "\"usd\"}],\"instant_available\":[{\"amount\":126400,\"currency\":\"usd\",\"source_types\":"
                + "{\"card\":126400}}],\"livemode\":false,\"pending\":[{\"amount\":-2400,\"currency\":\"usd\","
                + "\"source_types\":{\"card\":-2400}}]}},\"livemode\":false,\"pending_webhooks\":1,\"request\":"
                + "{\"id\":null,\"idempotency_key\":null},\"type\":\"balance.available\"}";
    }

    /** The {@code Stripe-Signature} header Stripe sends: {@code t=<seconds>,v1=<HMAC-SHA256 of "t.body">}. */
    static String signature(byte[] body, long timestamp) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DemoSandbox.STRIPE_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** The machine's one-minute load average: the machine is shared, so every figure is printed with it. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
