package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CreationClaim;
import io.billingbridge.core.account.CreationLease;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.Relinked;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.db.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The creation claim in the owner's row: exclusive while live, taken over once lapsed, never a second customer, and
 * no connection held while the customer is created.
 */
class CreationClaimsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner BOB = Owner.user("user_bob");
    private static final CustomerProfile PROFILE = CustomerProfile.empty();

    private DataSource database;
    private JdbiBillingAccounts accounts;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.freshMigrated();
        accounts = new JdbiBillingAccounts(Databases.jdbi(database));
    }

    @Test
    void aLiveClaimIsExclusiveAcrossInstancesAndALapsedOneIsTakenOver() {
        JdbiBillingAccounts otherInstance = new JdbiBillingAccounts(Databases.jdbi(database));
        accounts.reserve(ALICE, T0);

        CreationClaim first = accounts.claimCreation(ALICE, T0, LEASE).orElseThrow();

        assertThat(first.until()).isEqualTo(T0.plus(LEASE));
        assertThat(first.generation()).isZero();
        assertThat(otherInstance.claimCreation(ALICE, T0.plus(LEASE), LEASE)).as("live to its last instant").isEmpty();
        CreationClaim takeover = otherInstance.claimCreation(ALICE, T0.plus(LEASE).plusMillis(1), LEASE).orElseThrow();
        assertThat(takeover.token()).isNotEqualTo(first.token());

        accounts.abandon(first);
        assertThat(accounts.claimCreation(ALICE, T0.plus(LEASE).plusSeconds(1), LEASE))
                .as("the lapsed holder cannot give up the new holder's claim").isEmpty();
        otherInstance.abandon(takeover);
        assertThat(accounts.claimCreation(ALICE, T0.plus(LEASE).plusSeconds(1), LEASE)).isPresent();
    }

    @Test
    void anOwnerWithACustomerOrWithoutARowCannotBeClaimed() {
        assertThat(accounts.claimCreation(ALICE, T0, LEASE)).isEmpty();
        accounts.reserve(ALICE, T0);
        accounts.link(ALICE, new CustomerId("cus_alice"), PROFILE, T0);

        assertThat(accounts.claimCreation(ALICE, T0, LEASE)).isEmpty();
    }

    @Test
    void linkingAfterATakeoverKeepsOneCustomer() {
        accounts.reserve(ALICE, T0);
        CreationClaim slow = accounts.claimCreation(ALICE, T0, LEASE).orElseThrow();
        CreationClaim takeover = accounts.claimCreation(ALICE, T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
        CustomerId created = new CustomerId("cus_fromTheIdempotencyKey");

        accounts.linkClaimed(takeover, created, PROFILE, T0.plus(LEASE).plusSeconds(2));

        assertThatThrownBy(() -> accounts.linkClaimed(slow, new CustomerId("cus_other"), PROFILE, T0.plus(LEASE)))
                .isInstanceOf(Conflict.class);
        assertThat(accounts.linkClaimed(slow, created, PROFILE, T0.plus(LEASE).plusSeconds(3)).customerId())
                .as("the same customer, as Stripe replays it for the same key, links again harmlessly")
                .contains(created);
        assertThat(accounts.find(ALICE).orElseThrow().customerId()).contains(created);
        assertThat(claimColumnsOf(ALICE)).as("linking clears the claim").isEqualTo("null null");
    }

    @Test
    void aCustomerCreatedForAReleasedGenerationIsNeverLinked() {
        accounts.reserve(ALICE, T0);
        CreationClaim stale = accounts.claimCreation(ALICE, T0, LEASE).orElseThrow();
        CustomerId first = new CustomerId("cus_first");
        accounts.linkClaimed(stale, first, PROFILE, T0);
        accounts.release(ALICE, first, T0.plusSeconds(1));

        assertThatThrownBy(() -> accounts.linkClaimed(stale, new CustomerId("cus_replayed"), PROFILE,
                T0.plusSeconds(2))).isInstanceOf(Conflict.class);
        assertThat(accounts.find(ALICE).orElseThrow().customerId()).isEmpty();
        assertThat(accounts.claimCreation(ALICE, T0.plusSeconds(3), LEASE).orElseThrow().generation()).isEqualTo(1);
    }

    @Test
    void relinkReleasesThePreviousCustomerAndClearsAClaimInOneTransaction() {
        accounts.reserve(ALICE, T0);
        accounts.reserve(BOB, T0);
        accounts.link(BOB, new CustomerId("cus_bob"), PROFILE, T0);
        accounts.link(ALICE, new CustomerId("cus_old1"), PROFILE, T0);

        Relinked relinked = accounts.relink(ALICE, new CustomerId("cus_new1"), T0.plusSeconds(1));

        assertThat(relinked.previous()).contains(new CustomerId("cus_old1"));
        assertThat(relinked.account().customerId()).contains(new CustomerId("cus_new1"));
        assertThat(relinked.account().customerGeneration()).isEqualTo(1);
        assertThat(accounts.relink(ALICE, new CustomerId("cus_new1"), T0.plusSeconds(2)).previous()).isEmpty();
        assertThatThrownBy(() -> accounts.relink(ALICE, new CustomerId("cus_bob"), T0.plusSeconds(3)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("customer_in_use"));

        Owner carol = Owner.user("user_carol");
        accounts.reserve(carol, T0);
        accounts.claimCreation(carol, T0, LEASE).orElseThrow();
        accounts.relink(carol, new CustomerId("cus_carol"), T0.plusSeconds(1));
        assertThat(claimColumnsOf(carol)).isEqualTo("null null");
    }

    @Test
    void slowCustomerCreationsHoldNoConnectionSoOtherOwnersAreStillServed() throws Exception {
        Semaphore connections = new Semaphore(2);
        JdbiBillingAccounts small = new JdbiBillingAccounts(Databases.jdbi(boundedPool(database, connections)));
        small.reserve(BOB, T0);
        CountDownLatch stripeAnswers = new CountDownLatch(1);
        SlowStripe stripe = new SlowStripe(stripeAnswers);
        EnsureCustomer ensure = new EnsureCustomer(small, stripe.provider(), owner -> PROFILE,
                Clock.fixed(T0, ZoneOffset.UTC), CreationLease.DEFAULT);
        int owners = 6;
        ExecutorService threads = Executors.newFixedThreadPool(owners);
        try {
            List<Future<BillingAccount>> results = new ArrayList<>();
            for (int i = 0; i < owners; i++) {
                Owner owner = Owner.user("user_new" + i);
                results.add(threads.submit(() -> ensure.ensure(owner)));
            }
            waitUntil(() -> stripe.creating.get() == owners);

            assertThat(connections.availablePermits()).as("no connection held while Stripe works").isEqualTo(2);
            assertThat(small.find(BOB)).isPresent();

            stripeAnswers.countDown();
            Set<CustomerId> customers = new HashSet<>();
            for (Future<BillingAccount> result : results) {
                customers.add(result.get(30, TimeUnit.SECONDS).customerId().orElseThrow());
            }
            assertThat(customers).hasSize(owners);
        } finally {
            stripeAnswers.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentFirstRequestsOnTwoInstancesMakeOneCreateCall() throws Exception {
        SlowStripe stripe = new SlowStripe(new CountDownLatch(0));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        EnsureCustomer[] instances = {
            new EnsureCustomer(new JdbiBillingAccounts(Databases.jdbi(database)), stripe.provider(), owner -> PROFILE,
                    clock),
            new EnsureCustomer(new JdbiBillingAccounts(Databases.jdbi(database)), stripe.provider(), owner -> PROFILE,
                    clock)};
        int threads = 12;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BillingAccount>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                EnsureCustomer ensure = instances[i % 2];
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return ensure.ensure(ALICE);
                }));
            }
            Set<CustomerId> customers = new HashSet<>();
            for (Future<BillingAccount> result : results) {
                customers.add(result.get(30, TimeUnit.SECONDS).customerId().orElseThrow());
            }
            assertThat(customers).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stripe.creates).hasValue(1);
    }

    private String claimColumnsOf(Owner owner) {
        return Databases.jdbi(database).withHandle(h -> h.createQuery("SELECT coalesce(creation_claim::text, 'null')"
                        + " || ' ' || coalesce(creation_claimed_until::text, 'null') FROM billing_accounts"
                        + " WHERE owner_type = :type AND owner_id = :id")
                .bind("type", owner.type().wireName()).bind("id", owner.id()).mapTo(String.class).one());
    }

    /** Stripe's customer calls, answering creates only once {@code answer} opens; everything else is unused here. */
    private static final class SlowStripe {
        private final CountDownLatch answer;
        private final AtomicInteger creating = new AtomicInteger();
        private final AtomicInteger creates = new AtomicInteger();
        private final AtomicInteger nextId = new AtomicInteger();
        private final Map<String, CustomerId> byKey = new ConcurrentHashMap<>();

        SlowStripe(CountDownLatch answer) {
            this.answer = answer;
        }

        PaymentProvider provider() {
            return (PaymentProvider) Proxy.newProxyInstance(CreationClaimsTest.class.getClassLoader(),
                    new Class<?>[] {PaymentProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "findCustomer" -> Optional.empty();
                        case "createCustomer" -> create((IdempotencyKey) args[2]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private CustomerId create(IdempotencyKey key) throws InterruptedException {
            creating.incrementAndGet();
            creates.incrementAndGet();
            if (!answer.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let Stripe answer");
            }
            return byKey.computeIfAbsent(key.value(), k -> new CustomerId("cus_" + nextId.incrementAndGet()));
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** A data source that hands out at most {@code pool}'s permits of connections, failing after 2 s. */
    private static DataSource boundedPool(DataSource target, Semaphore pool) {
        ClassLoader loader = CreationClaimsTest.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (!method.getName().equals("getConnection")) {
                return method.invoke(target, args);
            }
            if (!pool.tryAcquire(2, TimeUnit.SECONDS)) {
                throw new SQLException("pool exhausted");
            }
            Connection real = target.getConnection();
            AtomicBoolean closed = new AtomicBoolean();
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("close") && closed.compareAndSet(false, true)) {
                    pool.release();
                }
                try {
                    return m.invoke(real, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        });
    }
}
