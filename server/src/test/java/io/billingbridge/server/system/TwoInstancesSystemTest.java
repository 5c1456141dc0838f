package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

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
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(2);
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
