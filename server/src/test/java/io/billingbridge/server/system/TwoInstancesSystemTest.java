package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
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
