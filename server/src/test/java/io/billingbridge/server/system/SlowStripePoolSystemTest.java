package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutAsUser;
import static io.billingbridge.server.system.SystemFixtures.readUserBilling;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Customer;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 3 of issue 13: new owners' first checkouts while Stripe is slow hold no database connection across the
 * Stripe calls, so a small pool is not drained: every checkout succeeds, other owners' reads answer at once and the
 * health check stays healthy.
 */
class SlowStripePoolSystemTest {
    private static final int CONNECTIONS = 4;
    private static final int NEW_USERS = 12;
    private static final Duration STRIPE_LATENCY = Duration.ofMillis(1_500);
    /** Clearly below one Stripe call: a read of a stored snapshot needs the database only. */
    private static final Duration QUICK = Duration.ofSeconds(1);
    private static final Duration PROCESSING = Duration.ofSeconds(45);
    private static SystemUnderTest system;
    private static StripeEmulator stripe;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startConfigured(1, config -> {
            config.getDatabase().setMaxConnections(CONNECTIONS);
            // The emulator serves 8 requests at a time, so under this burst calls queue there for seconds: the
            // bound on one Stripe call is raised so that queue is not what the test measures.
            config.getStripe().setRequestTimeout(io.dropwizard.util.Duration.seconds(15));
        });
        stripe = system.sandbox().stripe();
    }

    @AfterAll
    static void stop() {
        stripe.clearFaults();
        system.close();
    }

    private static HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.adminUrl(0) + "/healthcheck"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An existing customer whose events are processed and whose snapshot is stored. */
    private static String existingReader() {
        String reader = system.newUser("user_pool_reader", "Pool");
        Reply first = checkoutAsUser(system, reader);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", reader).get(0).getId();
        SystemUnderTest.await("the reader's events to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "' AND status <> 'processed'") == 0
                && system.count("SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer
                        + "' AND NOT dirty") == 1);
        Reply read = readUserBilling(system, reader);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return reader;
    }

    @Test
    void newOwnersFirstCheckoutsWithStripeSlowLeaveThePoolToEveryoneElse() throws Exception {
        String reader = existingReader();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < NEW_USERS; i++) {
            users.add(system.newUser("user_pool_new" + i, "Pool"));
        }

        stripe.addLatency(STRIPE_LATENCY, 0);
        ExecutorService clients = Executors.newFixedThreadPool(NEW_USERS);
        try {
            List<Future<Reply>> checkouts = new ArrayList<>();
            for (String user : users) {
                checkouts.add(clients.submit(() -> checkoutAsUser(system, user)));
            }
            SystemUnderTest.await("customer creations waiting on the slow Stripe", Duration.ofSeconds(15),
                    () -> stripe.idempotentRequestsInFlight() >= 2);

            long started = System.nanoTime();
            Reply read = readUserBilling(system, reader);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(took).as("another owner's read during the burst").isLessThan(QUICK);
            HttpResponse<String> healthDuringBurst = health();
            assertThat(healthDuringBurst.statusCode()).as(healthDuringBurst.body()).isEqualTo(200);

            for (Future<Reply> checkout : checkouts) {
                Reply reply = checkout.get(25, TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
        } finally {
            stripe.clearFaults();
            clients.shutdownNow();
        }

        for (String user : users) {
            List<Customer> customers = SystemFixtures.customersOf(system, "user", user);
            assertThat(customers).as("customers of " + user).hasSize(1);
            assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = 'user' AND owner_id = '"
                    + user + "' AND customer_id = '" + customers.get(0).getId() + "'")).isEqualTo(1);
        }
        HttpResponse<String> healthAfter = health();
        assertThat(healthAfter.statusCode()).as(healthAfter.body()).isEqualTo(200);
        assertThat(healthAfter.body()).contains("\"database\":{\"healthy\":true");
    }
}
