package io.billingbridge.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.testing.BillingWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotReadsTest {
    private final BillingWorld world = new BillingWorld();
    private final Owner acme = Owner.organization("org_acme");
    private final Principal admin = Principal.member(new UserId("user_bob"), "s", new OrganizationId("org_acme"),
            "org:admin", Set.of());
    private final Principal member = Principal.member(new UserId("user_alice"), "s", new OrganizationId("org_acme"),
            "org:member", Set.of());

    @BeforeEach
    void organization() {
        world.directory.user("user_bob", "Bob", "bob@example.com").user("user_alice", "Alice", null)
                .organization("org_acme", "Acme", "user_bob", "user_alice");
    }

    @Test
    void ownerWithoutCustomerReadsEmptyWithoutCallingStripe() {
        BillingView view = world.reads.read(admin, "organization", Optional.empty());
        assertThat(view.customerId()).isEmpty();
        assertThat(view.invoices()).contains(List.of());
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void firstReadSyncsThenReadsCostNoStripeCall() {
        world.ensureCustomer.ensure(acme);
        world.payments.calls.clear();

        world.reads.read(admin, "organization", Optional.empty());
        assertThat(world.payments.calls).containsExactly("snapshot.fetch");
        world.payments.calls.clear();
        for (int i = 0; i < 5; i++) {
            world.reads.read(admin, "organization", Optional.empty());
        }
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void membersSeeThePlanButNotBillingDetails() {
        world.ensureCustomer.ensure(acme);
        BillingView forMember = world.reads.read(member, "organization", Optional.empty());
        BillingView forAdmin = world.reads.read(admin, "organization", Optional.empty());
        assertThat(forMember.invoices()).isEmpty();
        assertThat(forMember.paymentMethods()).isEmpty();
        assertThat(forMember.payments()).isEmpty();
        assertThat(forAdmin.invoices()).isPresent();
        assertThat(forAdmin.paymentMethods()).isPresent();
    }

    @Test
    void anotherUsersBillingIsNotReadable() {
        Principal outsider = Principal.user(new UserId("user_mallory"), "s");
        assertThatThrownBy(() -> world.reads.read(outsider, "organization", Optional.of("org_acme")))
                .isInstanceOf(AccessDenied.class);
    }

    @Test
    void aStoredSnapshotIsReadWithTheAccountInOneRoundTripSharedWithTheAuthorizationCheck() {
        world.ensureCustomer.ensure(acme);
        world.reads.read(admin, "organization", Optional.empty());
        int owners = world.owners.reads.get();
        int accounts = world.accounts.finds.get();
        int snapshots = world.snapshots.finds.get();

        world.reads.read(member, "organization", Optional.empty());
        world.reads.read(admin, "organization", Optional.empty());

        assertThat(world.owners.reads.get() - owners).as("one owner read per request").isEqualTo(2);
        assertThat(world.accounts.finds.get() - accounts).as("accounts only through the owner read").isEqualTo(2);
        assertThat(world.snapshots.finds.get() - snapshots).as("snapshots only through the owner read").isEqualTo(2);
    }

    @Test
    void aRefusedReadDoesNotReadTheOwner() {
        Principal outsider = Principal.user(new UserId("user_mallory"), "s");
        world.ensureCustomer.ensure(acme);
        assertThatThrownBy(() -> world.reads.read(member, "organization", Optional.of("org_other")))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> world.reads.read(outsider, "organization", Optional.of("org_acme")))
                .isInstanceOf(AccessDenied.class);
        assertThat(world.owners.reads.get()).isZero();
        assertThat(world.audit.entries).extracting(e -> e.action() + " " + e.outcome())
                .containsExactly("customer.read denied", "customer.read denied");
    }

    @Test
    void aMemberAndAnAdminReadTheSameStoredSnapshotAtTheirOwnDetailLevel() {
        world.ensureCustomer.ensure(acme);
        world.reads.read(admin, "organization", Optional.empty());
        world.payments.calls.clear();
        assertThat(world.reads.read(member, "organization", Optional.empty()).invoices()).isEmpty();
        assertThat(world.reads.read(admin, "organization", Optional.empty()).invoices()).isPresent();
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void outOfDateSnapshotIsServedStaleWhenStripeIsDown() {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.reads.read(admin, "organization", Optional.empty());
        world.snapshots.markDirty(customer);
        world.payments.down.set(true);

        BillingView view = world.reads.read(admin, "organization", Optional.empty());

        assertThat(view.stale()).isTrue();
        assertThat(view.customerId()).contains(customer);
    }

    @Test
    void outOfDateSnapshotIsServedStaleAtOnceWhileStripeHangsAndRefreshedInTheBackground() {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.reads.read(admin, "organization", Optional.empty());
        world.snapshots.markDirty(customer);
        CountDownLatch hung = new CountDownLatch(1);
        world.payments.fetchGate = hung;

        long started = System.nanoTime();
        BillingView view = world.reads.read(admin, "organization", Optional.empty());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(view.stale()).isTrue();
        assertThat(view.customerId()).contains(customer);
        assertThat(took).as("the read waits at most its short bound, not for Stripe").isLessThan(Duration.ofSeconds(3));
        hung.countDown();
        awaitUntil("the background refresh to store a fresh snapshot",
                () -> !world.snapshots.find(customer).orElseThrow().dirty());
        assertThat(world.reads.read(admin, "organization", Optional.empty()).stale()).isFalse();
    }

    @Test
    void readsWhileStripeHangsShareTheBackgroundRefresh() {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.reads.read(admin, "organization", Optional.empty());
        world.snapshots.markDirty(customer);
        world.payments.snapshotFetches.set(0);
        GetBillingSnapshot quick = new GetBillingSnapshot(world.guard, world.owners, world.sync,
                Duration.ofMillis(50), Duration.ofMillis(50), world.signals);
        CountDownLatch hung = new CountDownLatch(1);
        world.payments.fetchGate = hung;
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(quick.read(admin, "organization", Optional.empty()).stale()).isTrue();
            }
        } finally {
            hung.countDown();
        }
        assertThat(world.payments.snapshotFetches.get()).as("the hung fetch and at most one follow-up").isLessThanOrEqualTo(2);
        assertThat(world.signals.lines).filteredOn(line -> line.startsWith("snapshot_served"))
                .as("the first read fresh, the five while Stripe hangs stale")
                .satisfiesExactly(line -> assertThat(line).endsWith(" fresh"),
                        line -> assertThat(line).endsWith(" stale"), line -> assertThat(line).endsWith(" stale"),
                        line -> assertThat(line).endsWith(" stale"), line -> assertThat(line).endsWith(" stale"),
                        line -> assertThat(line).endsWith(" stale"));
    }

    @Test
    void noSnapshotWhileStripeHangsIsUnavailableOnceTheWaitIsOver() {
        world.ensureCustomer.ensure(acme);
        GetBillingSnapshot bounded = new GetBillingSnapshot(world.guard, world.owners, world.sync,
                Duration.ofMillis(100), Duration.ofMillis(300), world.signals);
        CountDownLatch hung = new CountDownLatch(1);
        world.payments.fetchGate = hung;
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> bounded.read(admin, "organization", Optional.empty()))
                    .isInstanceOfSatisfying(ProviderUnavailable.class,
                            e -> assertThat(e.retryAfter()).isPositive());
        } finally {
            hung.countDown();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void noSnapshotAndStripeDownIsUnavailable() {
        world.ensureCustomer.ensure(acme);
        world.payments.down.set(true);
        assertThatThrownBy(() -> world.reads.read(admin, "organization", Optional.empty()))
                .isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void syncAfterCheckoutSharesTheSessionRateLimit() {
        SyncAfterCheckout afterCheckout = new SyncAfterCheckout(world.guard, world.accounts, world.payments,
                world.reads, new io.billingbridge.core.access.SessionRateLimit(3,
                        Duration.ofMinutes(1), world.clock, world.signals));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> afterCheckout.sync(admin, "cs_test_unknown"))
                    .isInstanceOf(io.billingbridge.core.error.NotFound.class);
        }
        assertThatThrownBy(() -> afterCheckout.sync(admin, "cs_test_unknown"))
                .isInstanceOf(io.billingbridge.core.error.RateLimited.class);
        assertThat(world.payments.calls).hasSize(3);
    }

    @Test
    void aFailedListenerFailsTheEventSyncAndRunsAgainThoughTheStateIsUnchanged() {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        SyncSnapshot sync = new SyncSnapshot(world.payments, world.snapshots, List.of((owner, snapshot) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Clerk is down");
            }
        }), world.clock, world.background);

        assertThatThrownBy(() -> sync.syncForEvent(acme, customer)).isInstanceOf(ProviderUnavailable.class);
        assertThat(sync.syncForEvent(acme, customer).customerId()).isEqualTo(customer);
        assertThat(calls).as("the listener ran again for the same state").hasValue(2);
        sync.syncForEvent(acme, customer);
        assertThat(calls).as("and not once it succeeded").hasValue(2);
    }

    @Test
    void readsToleratesAFailedListener() {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        SyncSnapshot sync = new SyncSnapshot(world.payments, world.snapshots, List.of((owner, snapshot) -> {
            throw new IllegalStateException("Clerk is down");
        }), world.clock, world.background);
        assertThat(sync.sync(acme, customer).customerId()).isEqualTo(customer);
    }

    @Test
    void concurrentSyncsOfOneCustomerAreCoalesced() throws Exception {
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.payments.fetchGate = new java.util.concurrent.CountDownLatch(1);
        List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12, r -> {
            Thread t = new Thread(r);
            callers.add(t);
            return t;
        });
        try {
            List<Future<BillingSnapshot>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> world.sync.sync(acme, customer)));
            }
            // Every caller is parked: one in the held fetch, the others waiting for the follow-up it will run.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (callers.size() < 12 || callers.stream().anyMatch(t -> t.getState() != Thread.State.WAITING
                    && t.getState() != Thread.State.TIMED_WAITING)) {
                assertThat(System.nanoTime()).as("callers to line up").isLessThan(deadline);
                Thread.onSpinWait();
            }
            world.payments.fetchGate.countDown();
            for (Future<BillingSnapshot> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).customerId()).isEqualTo(customer);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.payments.snapshotFetches.get()).as("the held fetch and one follow-up for all who came during it")
                .isEqualTo(2);
    }
}
