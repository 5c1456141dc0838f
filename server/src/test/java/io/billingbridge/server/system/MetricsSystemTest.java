package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static io.billingbridge.server.system.SystemFixtures.portalBody;
import static io.billingbridge.server.system.SystemFixtures.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin connector's Prometheus endpoint, scraped after real checkouts, refusals, webhook deliveries and a Stripe
 * outage: each billing series moved by exactly what was done, with its labels, and no id in any label.
 */
class MetricsSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    /** More failures than any retrying can use up while the event is retried: Stripe "stays down". */
    private static final int DOWN = 100_000;
    private static final String TEST_TYPE = "billing_bridge.metrics_test";
    private static final String RESYNC_TYPE = "billing_bridge.metrics_resync";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1, billing -> {
            try {
                SystemUnderTest.JSON.readerForUpdating(billing)
                        .readValue("{\"sessionBurst\": 2, \"sessionRefillEvery\": \"1 hour\"}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        stripe = system.sandbox().stripe();
        SystemFixtures.warmCatalog(system);
    }

    @AfterEach
    void stripeIsBack() {
        stripe.clearFaults();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** The exposition of instance 0, one entry per sample line: series (name and labels as printed) to value. */
    private static Map<String, Double> scrape() {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(
                    URI.create(system.adminUrl(0) + "/metrics/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            Map<String, Double> samples = new HashMap<>();
            for (String line : reply.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                samples.put(canonical(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The series with its labels in name order, as the exposition may print them in any order. */
    private static String canonical(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        String labels = series.substring(brace + 1, series.length() - 1);
        return series.substring(0, brace) + "{" + Arrays.stream(labels.split("\","))
                .map(label -> label.endsWith("\"") ? label : label + "\"").sorted()
                .collect(Collectors.joining(",")) + "}";
    }

    private static double value(Map<String, Double> samples, String series) {
        return samples.getOrDefault(canonical(series), 0.0);
    }

    private static Reply postStripe(String body, String signature) {
        return system.call("POST", "/v1/webhooks/stripe").header("Stripe-Signature", signature)
                .bytes(body.getBytes(StandardCharsets.UTF_8), "application/json").send();
    }

    private static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":" + object + "}}";
    }

    private static Reply signedDelivery(String body) {
        return postStripe(body, stripeSignature(Instant.now().getEpochSecond(), body));
    }

    @Test
    void theBillingSeriesCountWhatWasDoneWithClosedLabelsAlongsideTheDropwizardMetrics() {
        String user = system.newUser("user_metrics", "Metrics");
        String token = system.token(user, Optional.empty());
        Map<String, Double> before = scrape();

        Reply first = system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertError(system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "price_nonexistent", "")).send(), 400, "price_not_available");
        Reply portal = system.call("POST", "/v1/billing/portal-sessions").bearer(token)
                .json(portalBody("user", "")).send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        assertError(system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "pro_monthly", "")).send(), 429, "rate_limited");
        Reply read = SystemFixtures.readUserBilling(system, user);
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        String thing = "{\"object\":\"thing\",\"id\":\"thing_1\"}";
        String one = event("evt_metrics_1", TEST_TYPE, thing);
        assertThat(signedDelivery(one).status()).isEqualTo(200);
        assertThat(signedDelivery(one).status()).as("a duplicate").isEqualTo(200);
        assertThat(signedDelivery(event("evt_metrics_2", TEST_TYPE, thing)).status()).isEqualTo(200);
        assertError(postStripe(one, stripeSignature(Instant.now().getEpochSecond(), one + " ")), 400,
                "invalid_signature");
        SystemUnderTest.await("both test events processed", PROCESSING, () -> value(scrape(),
                "billing_webhook_events_processed_total{source=\"stripe\",type=\"" + TEST_TYPE + "\"}") == 2);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "billing_sessions_started_total{kind=\"checkout\"}")).isEqualTo(1);
        assertThat(delta(before, after, "billing_sessions_started_total{kind=\"portal\"}")).isEqualTo(1);
        assertThat(delta(before, after,
                "billing_sessions_refused_total{kind=\"checkout\",reason=\"price_not_available\"}")).isEqualTo(1);
        assertThat(delta(before, after, "billing_sessions_refused_total{kind=\"checkout\",reason=\"rate_limited\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "billing_session_rate_limited_total")).isEqualTo(1);
        assertThat(delta(before, after, "billing_snapshot_served_age_seconds_count{freshness=\"fresh\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "billing_webhook_events_received_total{source=\"stripe\",type=\""
                + TEST_TYPE + "\",outcome=\"recorded\"}")).isEqualTo(2);
        assertThat(delta(before, after, "billing_webhook_events_received_total{source=\"stripe\",type=\""
                + TEST_TYPE + "\",outcome=\"duplicate\"}")).isEqualTo(1);
        assertThat(delta(before, after,
                "billing_webhook_deliveries_refused_total{source=\"stripe\",reason=\"invalid_signature\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after,
                "billing_stripe_requests_total{method=\"POST\",endpoint=\"/v1/checkout/sessions\",outcome=\"ok\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after,
                "billing_stripe_requests_total{method=\"POST\",endpoint=\"/v1/billing_portal/sessions\","
                        + "outcome=\"ok\"}")).isEqualTo(1);
        assertThat(after).containsKey("billing_ledger_pending_events").containsKey("billing_ledger_failed_events")
                .containsKey("billing_ledger_oldest_pending_age_seconds");
        assertThat(after).as("the Dropwizard metrics, bridged")
                .containsKey("io_dropwizard_jetty_MutableServletContextHandler_requests_count");
        assertThat(after.keySet()).as("no id, email or token in any label")
                .noneMatch(series -> series.matches(".*\"(cus|cs|bps|sub|user|evt|sess|sk|whsec)_.*"))
                .noneMatch(series -> series.contains("@") || series.contains("eyJ"));
    }

    @Test
    void aStripeOutageShowsAsStripeErrorsAndFailedEventsUntilTheRetrySucceeds() {
        String user = system.newUser("user_metrics_outage", "Outage");
        Reply created = SystemFixtures.checkoutAsUser(system, user);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        String failed = "billing_webhook_events_failed_total{source=\"stripe\",type=\"" + RESYNC_TYPE
                + "\",reason=\"provider_unavailable\"}";
        String errors = "billing_stripe_requests_total{method=\"GET\",endpoint=\"/v1/customers/{id}\","
                + "outcome=\"server_error\"}";
        Map<String, Double> before = scrape();

        stripe.failNextRequests(DOWN, 500);
        assertThat(signedDelivery(event("evt_metrics_resync_1", RESYNC_TYPE,
                "{\"object\":\"customer\",\"id\":\"" + customer + "\"}")).status()).isEqualTo(200);
        SystemUnderTest.await("the event to fail", PROCESSING, () -> delta(before, scrape(), failed) >= 1);
        Map<String, Double> down = scrape();
        assertThat(delta(before, down, errors)).isGreaterThanOrEqualTo(1);
        SystemUnderTest.await("the ledger gauge to show the failed event", PROCESSING,
                () -> value(scrape(), "billing_ledger_failed_events") >= 1);

        stripe.clearFaults();
        SystemUnderTest.await("the retry to succeed", PROCESSING, () -> value(scrape(),
                "billing_webhook_events_processed_total{source=\"stripe\",type=\"" + RESYNC_TYPE + "\"}") == 1);
        assertThat(List.copyOf(scrape().keySet())).noneMatch(series -> series.contains(customer));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return value(after, series) - value(before, series);
    }
}
