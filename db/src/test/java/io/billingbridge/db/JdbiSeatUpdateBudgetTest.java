package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiSeatUpdateBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());

    @Test
    void refusesPastTheLimitAndFreesUpAsTheWindowSlides() {
        JdbiSeatUpdateBudget budget = new JdbiSeatUpdateBudget(jdbi);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.trySpend(new SubscriptionId("sub_1"), T0.plusSeconds(i * 60L), 3, HOUR)).isEmpty();
        }
        assertThat(budget.trySpend(new SubscriptionId("sub_1"), T0.plusSeconds(600), 3, HOUR))
                .contains(Duration.ofMinutes(50));
        assertThat(budget.trySpend(new SubscriptionId("sub_2"), T0.plusSeconds(600), 3, HOUR))
                .as("budgets are per subscription").isEmpty();
        assertThat(budget.trySpend(new SubscriptionId("sub_1"), T0.plus(HOUR).plusSeconds(1), 3, HOUR)).isEmpty();
    }

    @Test
    void twoInstancesTogetherStayWithinTheLimit() throws Exception {
        JdbiSeatUpdateBudget first = new JdbiSeatUpdateBudget(jdbi);
        JdbiSeatUpdateBudget second = new JdbiSeatUpdateBudget(jdbi);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Duration>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                JdbiSeatUpdateBudget instance = i % 2 == 0 ? first : second;
                Instant at = T0.plusMillis(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.trySpend(new SubscriptionId("sub_shared"), at, 10, HOUR);
                }));
            }
            start.countDown();
            int spent = 0;
            for (Future<Optional<Duration>> result : results) {
                spent += result.get(30, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
            }
            assertThat(spent).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
