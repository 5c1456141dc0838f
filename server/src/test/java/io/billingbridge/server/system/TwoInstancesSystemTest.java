package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two server instances on one database: concurrent first checkouts still make one Stripe customer per owner. */
class TwoInstancesSystemTest {
    private static final int PER_OWNER = 50;
    private static final java.time.Duration FEED_RECONNECT = java.time.Duration.ofSeconds(8);
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        // A lost change feed reconnects only after FEED_RECONNECT, so a test can tell reads meanwhile went to the database.
        system = SystemUnderTest.startConfigured(2, config -> config.getDatabase().getReadCache()
                .setReconnectAfter(io.dropwizard.util.Duration.seconds(FEED_RECONNECT.toSeconds())));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void fiftyConcurrentFirstCheckoutsPerOwnerAcrossTwoInstancesMakeOneCustomerEach() throws Exception {
        String alice = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * PER_OWNER);
        List<Future<Reply>> organization = new ArrayList<>();
        List<Future<Reply>> user = new ArrayList<>();
        try {
            for (int i = 0; i < PER_OWNER; i++) {
                int instance = i % 2;
                organization.add(pool.submit(() -> {
                    go.await();
                    return system.call(instance, "POST", "/v1/billing/checkout-sessions").bearer(alice)
                            .json(checkoutBody("organization", "team_monthly", "")).send();
                }));
                user.add(pool.submit(() -> {
                    go.await();
                    return system.call(instance, "POST", "/v1/billing/checkout-sessions").bearer(carol)
                            .json(checkoutBody("user", "pro_monthly", "")).send();
                }));
            }
            go.countDown();
            assertOnlyCreatedOrRateLimited("organization", organization);
            assertOnlyCreatedOrRateLimited("user", user);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertOneCustomer("organization", ClerkDevInstance.ACME);
        assertOneCustomer("user", ClerkDevInstance.CAROL);
    }

    @Test
    void oneStripeEventPostedToBothInstancesAtOnceIsRecordedAndProcessedOnce() throws Exception {
        String dave = system.token(ClerkDevInstance.DAVE, Optional.empty());
        Reply portal = system.call(1, "POST", "/v1/billing/portal-sessions").bearer(dave)
                .json(SystemFixtures.portalBody("user", "")).send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", ClerkDevInstance.DAVE).get(0).getId();
        String body = "{\"id\":\"evt_both_instances_1\",\"object\":\"event\",\"api_version\":\"2024-06-20\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"" + customer + "\","
                + "\"object\":\"customer\"}}}";
        String signature = SystemFixtures.stripeSignature(Instant.now().getEpochSecond(), body);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                int instance = i % 2;
                replies.add(pool.submit(() -> {
                    go.await();
                    return system.call(instance, "POST", "/v1/webhooks/stripe").header("Stripe-Signature", signature)
                            .bytes(SystemFixtures.utf8(body), "application/json").send();
                }));
            }
            go.countDown();
            int fresh = 0;
            for (Future<Reply> future : replies) {
                Reply reply = future.get(30, TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                if (!reply.json().get("duplicate").asBoolean()) {
                    fresh++;
                }
            }
            assertThat(fresh).as("deliveries treated as new").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id = 'evt_both_instances_1'"))
                .isEqualTo(1);
        SystemUnderTest.await("the event to be processed by one of the instances", java.time.Duration.ofSeconds(30),
                () -> system.count("SELECT count(*) FROM webhook_events WHERE event_id = 'evt_both_instances_1'"
                        + " AND status = 'processed' AND attempts = 1") == 1);
    }

    @Test
    void eachInstanceServesUnchangedReadsFromMemoryAndShowsAChangeMadeThroughTheOtherAtOnce() {
        String user = system.newUser("user_twin_reader", "Twin");
        SystemFixtures.buyAndSync(system, user, Optional.empty(), "user", "pro_monthly");
        awaitReadFromMemory(1, user);
        JsonNode before = billing(1, user);
        String subscription = before.get("subscriptions").get(0).get("id").asText();
        assertThat(before.get("subscriptions").get(0).get("cancelAtPeriodEnd").asBoolean()).isFalse();

        Reply cancel = system.call(0, "POST", "/v1/billing/subscriptions/" + subscription + "/cancel")
                .bearer(system.token(user, Optional.empty())).json("{\"owner\":\"user\",\"at\":\"period_end\"}")
                .send();
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

        // Instance 1 kept the old billing in memory for up to 5 minutes; only the change announcement drops it.
        SystemUnderTest.await("instance 1 to show the cancellation made through instance 0",
                java.time.Duration.ofSeconds(3),
                () -> billing(1, user).get("subscriptions").get(0).get("cancelAtPeriodEnd").asBoolean());
        awaitReadFromMemory(1, user);
        assertThat(billing(1, user).get("subscriptions").get(0).get("cancelAtPeriodEnd").asBoolean()).isTrue();
    }

    @Test
    void aChangeMadeWhileTheChangeFeedIsDownIsNeverHiddenByWhatAnInstanceKept() {
        String user = system.newUser("user_feed_outage", "Outage");
        SystemFixtures.buyAndSync(system, user, Optional.empty(), "user", "pro_monthly");
        awaitReadFromMemory(1, user);

        assertThat(system.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'billing-bridge-owner-changes') ended")).as("one feed per instance")
                .isEqualTo(2);
        system.execute("UPDATE billing_accounts SET sync_state = 'deleted' WHERE owner_id = '" + user + "'");
        try {
            SystemUnderTest.await("instance 1 to refuse the deleted owner before its feed is back",
                    FEED_RECONNECT.dividedBy(2), () -> read(1, user).status() == 403);
            SystemUnderTest.await("both feeds to be live again", java.time.Duration.ofSeconds(30),
                    () -> cacheServing(0) && cacheServing(1));
            SystemFixtures.assertError(read(1, user), 403, "owner_deleted");
            SystemFixtures.assertError(read(0, user), 403, "owner_deleted");
        } finally {
            system.execute("UPDATE billing_accounts SET sync_state = 'active' WHERE owner_id = '" + user + "'");
        }
        SystemUnderTest.await("instance 1 to serve the owner again", java.time.Duration.ofSeconds(3),
                () -> read(1, user).status() == 200);
    }

    private static Reply read(int instance, String user) {
        return system.call(instance, "GET", "/v1/billing/customer?owner=user")
                .bearer(system.token(user, Optional.empty())).send();
    }

    private static JsonNode billing(int instance, String user) {
        Reply reply = read(instance, user);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Reads until a read on the instance came from memory (late webhooks of a purchase drop the owner meanwhile). */
    private static void awaitReadFromMemory(int instance, String user) {
        SystemUnderTest.await("a read on instance " + instance + " served from memory",
                java.time.Duration.ofSeconds(30), () -> {
                    double before = metric(instance, "billing_owner_reads_total{source=\"memory\"}");
                    billing(instance, user);
                    return metric(instance, "billing_owner_reads_total{source=\"memory\"}") > before;
                });
    }

    private static boolean cacheServing(int instance) {
        return metric(instance, "billing_read_cache_serving") == 1.0;
    }

    private static double metric(int instance, String series) {
        return system.metric(instance, series);
    }

    private static void assertOnlyCreatedOrRateLimited(String owner, List<Future<Reply>> futures) throws Exception {
        int created = 0;
        for (Future<Reply> future : futures) {
            Reply reply = future.get(90, TimeUnit.SECONDS);
            assertThat(reply.status())
                    .as("%s checkout: 201, or 429 from the per-user session rate limit (burst 10 per instance); never"
                            + " 5xx: %s", owner, reply.body())
                    .isIn(201, 429);
            if (reply.status() == 429) {
                assertThat(reply.headers().firstValue("Retry-After")).isPresent();
                assertThat(reply.json().get("error").get("type").asText()).isEqualTo("rate_limit_error");
            } else {
                created++;
                assertThat(reply.json().get("id").asText()).startsWith("cs_");
            }
        }
        assertThat(created).as("%s checkouts created (the rate limit lets at least a burst through)", owner)
                .isBetween(10, PER_OWNER);
    }

    private static void assertOneCustomer(String ownerType, String ownerId) {
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = '" + ownerType
                + "' AND owner_id = '" + ownerId + "' AND customer_id IS NOT NULL")).isEqualTo(1);
        assertThat(SystemFixtures.customersOf(system, ownerType, ownerId)).as("emulator customers of %s", ownerId)
                .hasSize(1);
        String customer = SystemFixtures.customersOf(system, ownerType, ownerId).get(0).getId();
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE customer_id = '" + customer + "'"))
                .isEqualTo(1);
    }
}
