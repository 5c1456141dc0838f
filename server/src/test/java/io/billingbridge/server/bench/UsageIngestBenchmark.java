package io.billingbridge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.server.system.SystemUnderTest;
import io.billingbridge.server.system.UsageFixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Usage ingest: distinct usage events posted concurrently to {@code POST /v1/usage} with an app key, as single events
 * and as batches of 100 (key check, validation, owner and meter checks, one durable outbox commit per request).
 * Forwarding to Stripe runs meanwhile, as in production. Not a timed test: run on demand with
 * {@code mvn -B -o -q -pl server -am test -Dtest=UsageIngestBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (docs/benchmarks.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class UsageIngestBenchmark {
    private static final int ROUNDS = 5;
    private static final int SINGLES_PER_ROUND = 4_000;
    private static final int BATCHES_PER_ROUND = 160;
    private static final int BATCH = 100;
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);

    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void measure() throws Exception {
        try (SystemUnderTest system = SystemUnderTest.startConfigured(1, config -> {
            WebhookIngestBenchmark.asInProduction(config);
            config.getStripe().setMeterEventsPerSecond(1000);
        })) {
            WebhookIngestBenchmark.requireDurableCommits(system);
            String key = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC()).create("bench",
                    Set.of(AppKeyScope.USAGE_WRITE));
            Owner owner = Owner.user("user_usage_bench");
            String eventName = UsageFixtures.subscribedOwner(system, owner);
            URI uri = URI.create(system.baseUrl(0) + "/v1/usage");

            post(uri, key, owner, eventName, SINGLES_PER_ROUND, 1);
            List<Double> singles = new ArrayList<>();
            List<Double> batches = new ArrayList<>();
            double loadBefore = WebhookIngestBenchmark.loadAverage();
            for (int round = 0; round < ROUNDS; round++) {
                singles.add(post(uri, key, owner, eventName, SINGLES_PER_ROUND, 1));
                batches.add(post(uri, key, owner, eventName, BATCHES_PER_ROUND, BATCH) * BATCH);
            }
            double loadAfter = WebhookIngestBenchmark.loadAverage();
            long stored = system.count("SELECT count(*) FROM usage_events WHERE identifier LIKE 'bench-%'");
            System.out.printf(Locale.ROOT, "Usage ingest, %d cores, %d clients, %d rounds%n"
                            + "  POST /v1/usage, single events      median %.0f events/s (rounds: %s)%n"
                            + "  POST /v1/usage, batches of %d     median %.0f events/s (rounds: %s)%n"
                            + "  events sent %d, stored %d; load average %.1f before the rounds, %.1f after%n",
                    Runtime.getRuntime().availableProcessors(), CLIENTS, ROUNDS, median(singles), rounded(singles),
                    BATCH, median(batches), rounded(batches), sequence.get(), stored, loadBefore, loadAfter);
            assertThat(stored).as("every distinct event stored once").isEqualTo(sequence.get());
        }
    }

    /** Posts {@code requests} requests of {@code size} events from the clients; requests per second, all 202. */
    private double post(URI uri, String key, Owner owner, String eventName, int requests, int size)
            throws Exception {
        List<List<byte[]>> perClient = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<byte[]> mine = new ArrayList<>();
            for (int r = 0; r < requests / CLIENTS; r++) {
                List<String> events = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    events.add("{\"ownerType\":\"user\",\"ownerId\":\"" + owner.id() + "\",\"event\":\"" + eventName
                            + "\",\"value\":" + (1 + i % 7) + ",\"identifier\":\"bench-" + sequence.incrementAndGet()
                            + "\"}");
                }
                mine.add(request(uri, key, size == 1 ? events.get(0) : "{\"events\":[" + String.join(",", events)
                        + "]}"));
            }
            perClient.add(mine);
        }
        return RawHttp.postAll(uri, perClient, 202);
    }

    private static byte[] request(URI uri, String key, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + key + "\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head8, head8.length + body.length);
        System.arraycopy(body, 0, request, head8.length, body.length);
        return request;
    }

    private static List<String> rounded(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
