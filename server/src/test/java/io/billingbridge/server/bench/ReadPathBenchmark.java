package io.billingbridge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.system.SystemUnderTest;
import io.billingbridge.stripe.StripePaymentProvider;
import io.billingbridge.stripe.StripeSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The read path: an owner's billing served from the local snapshot, versus the same data fetched live from the
 * Stripe emulator, versus bare endpoints of the same server; and Stripe calls per operation. Not a timed test: run on
 * demand with {@code mvn -B -o -q -pl server test -Dtest=ReadPathBenchmark -Dbenchmark=true} (docs/benchmarks.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ReadPathBenchmark {
    private static final int ROUNDS = 5;
    private static final int REQUESTS_PER_ROUND = 1_000;
    private static final int LIVE_FETCHES_PER_ROUND = 100;
    private static final int CLIENTS = 4;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        try (SystemUnderTest system = SystemUnderTest.start(1)) {
            String owner = ClerkDevInstance.ALICE;
            String org = ClerkDevInstance.ACME;
            String base = system.baseUrl(0);
            String token = system.token(owner, Optional.of(org));
            String checkout = "{\"owner\":\"organization\",\"price\":\"team_monthly\",\"successUrl\":\""
                    + "http://app.test/ok\",\"cancelUrl\":\"http://app.test/\"}";

            settle(system);
            long before = system.sandbox().stripe().apiRequestCount();
            var first = system.call("POST", "/v1/billing/checkout-sessions").bearer(token).json(checkout).send();
            long firstCheckoutCalls = system.sandbox().stripe().apiRequestCount() - before;
            assertThat(first.status()).isEqualTo(201);
            system.sandbox().stripe().completeCheckout(first.json().get("id").asText(), "4242424242424242");
            SystemUnderTest.await("the subscription in the snapshot", java.time.Duration.ofSeconds(30), () -> system
                    .call("GET", "/v1/billing/customer?owner=organization").bearer(system.token(owner, Optional.of(org)))
                    .send().json().get("subscriptions").size() == 1);
            settle(system);

            before = system.sandbox().stripe().apiRequestCount();
            var second = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(owner, Optional.of(org)))
                    .json(checkout).send();
            long existingCheckoutCalls = system.sandbox().stripe().apiRequestCount() - before;
            assertThat(second.status()).isEqualTo(201);

            before = system.sandbox().stripe().apiRequestCount();
            for (int i = 0; i < 100; i++) {
                system.call("GET", "/v1/billing/customer?owner=organization").bearer(system.token(owner, Optional.of(org))).send();
            }
            long readCalls = system.sandbox().stripe().apiRequestCount() - before;

            String customer = system.call("GET", "/v1/billing/customer?owner=organization")
                    .bearer(system.token(owner, Optional.of(org))).send().json().get("customer").asText();
            StripePaymentProvider live = new StripePaymentProvider(StripeSettings.builder(DemoSandbox.STRIPE_KEY,
                    DemoSandbox.STRIPE_WEBHOOK_SECRET).apiBase(system.sandbox().stripe().baseUrl()).opsPerSecond(100_000)
                    .build());
            before = system.sandbox().stripe().apiRequestCount();
            live.fetchSnapshot(new CustomerId(customer), Instant.now());
            long liveFetchCalls = system.sandbox().stripe().apiRequestCount() - before;

            List<Double> snapshotRead = new ArrayList<>();
            List<Double> liveFetch = new ArrayList<>();
            List<Double> prices = new ArrayList<>();
            List<Double> ping = new ArrayList<>();
            warm(() -> get(base + "/v1/billing/customer?owner=organization", system.token(owner, Optional.of(org))), 2_000);
            for (int round = 0; round < ROUNDS; round++) {
                String fresh = system.token(owner, Optional.of(org));
                snapshotRead.add(rate(REQUESTS_PER_ROUND,
                        () -> get(base + "/v1/billing/customer?owner=organization", fresh)));
                prices.add(rate(REQUESTS_PER_ROUND, () -> get(base + "/v1/billing/prices?owner=organization", fresh)));
                ping.add(rate(REQUESTS_PER_ROUND, () -> get(system.adminUrl(0) + "/ping", null)));
                liveFetch.add(rate(LIVE_FETCHES_PER_ROUND, () -> {
                    live.fetchSnapshot(new CustomerId(customer), Instant.now());
                    return 200;
                }));
            }
            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "Read path, %d cores, %d clients, %d rounds; median operations/s%n",
                    Runtime.getRuntime().availableProcessors(), CLIENTS, ROUNDS));
            line(report, "GET /v1/billing/customer (snapshot, token verified)", snapshotRead);
            line(report, "same data fetched live from the emulator", liveFetch);
            line(report, "GET /v1/billing/prices (cached catalog, token verified)", prices);
            line(report, "GET /ping (admin, bare)", ping);
            report.append(String.format(Locale.ROOT, "snapshot read / live fetch: %.1fx%n",
                    median(snapshotRead) / median(liveFetch)));
            report.append(String.format(Locale.ROOT,
                    "Stripe calls: read %.2f per request (%d over 100), first checkout (new customer) %d, "
                            + "checkout for an existing customer %d, live snapshot fetch %d%n",
                    readCalls / 100.0, readCalls, firstCheckoutCalls, existingCheckoutCalls, liveFetchCalls));
            System.out.print(report);
            assertThat(readCalls).as("reads are served from the snapshot").isZero();
            assertThat(existingCheckoutCalls).as("one Stripe call per checkout for an existing customer").isEqualTo(1);
        }
    }

    /** Waits until every webhook was delivered and processed, so no background work adds Stripe calls. */
    private static void settle(SystemUnderTest system) {
        SystemUnderTest.await("webhooks to settle", java.time.Duration.ofSeconds(60),
                () -> system.sandbox().stripe().webhookDeliveries().stream().allMatch(d -> d.state().equals("succeeded"))
                        && system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed'") == 0);
    }

    private static void line(StringBuilder report, String name, List<Double> rates) {
        report.append(String.format(Locale.ROOT, "  %-58s %10.0f   (rounds: %s)%n", name, median(rates),
                rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()));
    }

    private int get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void warm(IntSupplier call, int times) {
        for (int i = 0; i < times; i++) {
            call.getAsInt();
        }
    }

    /** Operations per second with {@link #CLIENTS} concurrent callers; every call must answer 2xx. */
    private static double rate(int operations, IntSupplier call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(pool.submit(() -> {
                    int bad = 0;
                    for (int i = 0; i < operations / CLIENTS; i++) {
                        int status = call.getAsInt();
                        if (status < 200 || status > 299) {
                            bad++;
                        }
                    }
                    return bad;
                }));
            }
            int bad = 0;
            for (Future<Integer> f : futures) {
                bad += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(bad).as("failed calls").isZero();
            return operations / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
