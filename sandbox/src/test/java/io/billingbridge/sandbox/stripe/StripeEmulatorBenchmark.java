package io.billingbridge.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.Product;
import com.stripe.param.PriceListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Request rate of the emulator on simple calls over loopback; not a timed test, run on demand with
 * {@code mvn -B -o -q -pl sandbox test -Dtest=StripeEmulatorBenchmark -Dbenchmark=true} (see docs/benchmarks.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StripeEmulatorBenchmark {

    private static final int ROUNDS = 5;
    private static final int REQUESTS_PER_ROUND = 4_000;
    private static final int WARMUP = 3_000;

    /** One call to measure. */
    private record Scenario(String name, String method, String path, String body) {
    }

    @Test
    void measureRequestsPerSecond() throws Exception {
        try (StripeEmulator emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build())) {
            StripeClient stripe = StripeTestSupport.client(emulator);
            Customer customer = StripeTestSupport.customer(stripe, "bench@example.com");
            for (int i = 0; i < 20; i++) {
                Product product = StripeTestSupport.product(stripe, "Bench " + i);
                StripeTestSupport.monthly(stripe, product.getId(), 1000 + i);
            }
            List<Scenario> scenarios = List.of(
                    new Scenario("GET /v1/customers/{id}", "GET", "/v1/customers/" + customer.getId(), null),
                    new Scenario("GET /v1/prices?limit=10", "GET", "/v1/prices?limit=10", null),
                    new Scenario("GET /v1/prices?limit=10&expand[]=data.product", "GET",
                            "/v1/prices?limit=10&expand%5B0%5D=data.product", null),
                    new Scenario("POST /v1/customers", "POST", "/v1/customers", "email=load%40example.com"));
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "Stripe emulator benchmark: %d cores, %d rounds x %d requests, median requests/s%n",
                    Runtime.getRuntime().availableProcessors(), ROUNDS, REQUESTS_PER_ROUND));
            for (int clients : new int[] {1, 4}) {
                for (Scenario scenario : scenarios) {
                    double median = measure(emulator, scenario, clients);
                    report.append(String.format(Locale.ROOT, "  %-48s clients=%d  %8.0f req/s%n", scenario.name(),
                            clients, median));
                }
            }
            report.append(String.format(Locale.ROOT, "  %-48s clients=1  %8.0f req/s%n",
                    "stripe-java prices().list(limit 10)", measureStripeJava(stripe)));
            System.out.print(report);
        }
    }

    private static double measure(StripeEmulator emulator, Scenario scenario, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + scenario.path()))
                .header("Authorization", "Bearer " + StripeTestSupport.KEY)
                .header("Content-Type", "application/x-www-form-urlencoded");
        HttpRequest request = scenario.body() == null ? builder.GET().build()
                : builder.POST(HttpRequest.BodyPublishers.ofString(scenario.body())).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            run(http, request, clients, WARMUP, pool);
            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                run(http, request, clients, REQUESTS_PER_ROUND, pool);
                rates.add(REQUESTS_PER_ROUND / ((System.nanoTime() - start) / 1e9));
            }
            Collections.sort(rates);
            return rates.get(rates.size() / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(HttpClient http, HttpRequest request, int clients, int total, ExecutorService pool)
            throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = total / clients;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    assertThat(response.statusCode()).isEqualTo(200);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private static double measureStripeJava(StripeClient stripe) throws Exception {
        PriceListParams params = PriceListParams.builder().setLimit(10L).build();
        for (int i = 0; i < WARMUP / 3; i++) {
            stripe.v1().prices().list(params);
        }
        List<Double> rates = new ArrayList<>();
        int perRound = REQUESTS_PER_ROUND / 4;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                stripe.v1().prices().list(params);
            }
            rates.add(perRound / ((System.nanoTime() - start) / 1e9));
        }
        Collections.sort(rates);
        return rates.get(rates.size() / 2);
    }
}
