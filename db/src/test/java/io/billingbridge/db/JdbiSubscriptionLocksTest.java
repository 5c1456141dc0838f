package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.lifecycle.SubscriptionLocks;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Duration;
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

class JdbiSubscriptionLocksTest {
    private static final SubscriptionId SUB = new SubscriptionId("sub_1");
    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());

    @Test
    void aHeldLeaseRefusesOthersUntilReleasedAndLeasesArePerSubscription() {
        JdbiSubscriptionLocks first = new JdbiSubscriptionLocks(jdbi);
        JdbiSubscriptionLocks second = new JdbiSubscriptionLocks(jdbi);
        Optional<SubscriptionLocks.Lease> held = first.tryLock(SUB, Duration.ofMinutes(1));

        assertThat(held).isPresent();
        assertThat(second.tryLock(SUB, Duration.ofMinutes(1))).isEmpty();
        assertThat(second.tryLock(new SubscriptionId("sub_2"), Duration.ofMinutes(1))).isPresent();
        held.get().close();
        assertThat(second.tryLock(SUB, Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void aLapsedLeaseIsTakenOverAndItsOldHolderCannotReleaseTheNewOne() {
        JdbiSubscriptionLocks locks = new JdbiSubscriptionLocks(jdbi);
        SubscriptionLocks.Lease crashed = locks.tryLock(SUB, Duration.ofMillis(1)).orElseThrow();
        jdbi.useHandle(h -> h.execute("UPDATE subscription_change_leases SET held_until = now() - interval '1 second'"));

        SubscriptionLocks.Lease next = locks.tryLock(SUB, Duration.ofMinutes(1)).orElseThrow();
        crashed.close();
        assertThat(locks.tryLock(SUB, Duration.ofMinutes(1))).as("still the new holder's").isEmpty();
        next.close();
    }

    @Test
    void manyInstancesAtOnceGiveTheLeaseToExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                JdbiSubscriptionLocks locks = new JdbiSubscriptionLocks(jdbi);
                results.add(pool.submit(() -> {
                    start.await();
                    return locks.tryLock(SUB, Duration.ofMinutes(1)).isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
