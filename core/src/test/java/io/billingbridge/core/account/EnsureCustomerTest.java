package io.billingbridge.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnsureCustomerTest {
    private final BillingWorld world = new BillingWorld();
    private final Owner alice = Owner.user("user_alice");
    private final Owner acme = Owner.organization("org_acme");

    @BeforeEach
    void people() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice");
    }

    @Test
    void createsOnceWithProfileAndDeterministicKey() {
        BillingAccount first = world.ensureCustomer.ensure(alice);
        BillingAccount again = world.ensureCustomer.ensure(alice);

        assertThat(again.customerId()).isEqualTo(first.customerId());
        assertThat(first.profile().name()).contains("Alice");
        assertThat(first.profile().email()).contains("alice@example.com");
        assertThat(world.payments.calls).containsExactly("customers.search", "customers.create");
        assertThat(world.payments.customersByIdempotencyKey).containsOnlyKeys("billing-bridge-customer-user-user_alice");
    }

    @Test
    void organizationGetsItsFirstAdminsEmail() {
        BillingAccount account = world.ensureCustomer.ensure(acme);
        assertThat(account.profile().name()).contains("Acme");
        assertThat(account.profile().email()).contains("bob@example.com");
    }

    @Test
    void recoversACustomerLeftBehindByACrash() {
        world.payments.orphans.put(alice, new CustomerId("cus_orphan"));
        BillingAccount account = world.ensureCustomer.ensure(alice);
        assertThat(account.customerId()).contains(new CustomerId("cus_orphan"));
        assertThat(world.payments.calls).containsExactly("customers.search", "customers.update");
    }

    @Test
    void reportsWhetherTheCustomerWasCreatedRecoveredOrAlreadyThere() {
        world.payments.orphans.put(alice, new CustomerId("cus_orphan"));

        assertThat(world.ensureCustomer.ensureReporting(alice).outcome()).isEqualTo(EnsureCustomer.Outcome.RECOVERED);
        assertThat(world.ensureCustomer.ensureReporting(alice).outcome()).isEqualTo(EnsureCustomer.Outcome.EXISTING);
        assertThat(world.ensureCustomer.ensureReporting(acme).outcome()).isEqualTo(EnsureCustomer.Outcome.CREATED);
    }

    @Test
    void unknownOwnerCreatesNothing() {
        assertThatThrownBy(() -> world.ensureCustomer.ensure(Owner.user("user_ghost"))).isInstanceOf(OwnerNotFound.class);
        assertThat(world.payments.calls).doesNotContain("customers.create");
    }

    @Test
    void concurrentFirstRequestsMakeOneCustomer() throws Exception {
        int threads = 24;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<BillingAccount>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return world.ensureCustomer.ensure(acme);
                }));
            }
            Set<CustomerId> seen = new HashSet<>();
            for (Future<BillingAccount> r : results) {
                seen.add(r.get(30, TimeUnit.SECONDS).customerId().orElseThrow());
            }
            assertThat(seen).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.payments.calls.stream().filter("customers.create"::equals)).hasSize(1);
    }

    private EnsureCustomer instance(CreationLease lease) {
        return new EnsureCustomer(world.accounts, world.payments,
                new DirectoryCustomerProfiles(world.directory, OrganizationEmail.FIRST_ADMIN), world.clock, lease);
    }

    @Test
    void concurrentFirstRequestsOnTwoInstancesMakeOneCustomer() throws Exception {
        EnsureCustomer[] instances = {instance(CreationLease.DEFAULT), instance(CreationLease.DEFAULT)};
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<BillingAccount>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                EnsureCustomer ensure = instances[i % 2];
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return ensure.ensure(acme);
                }));
            }
            Set<CustomerId> seen = new HashSet<>();
            for (Future<BillingAccount> r : results) {
                seen.add(r.get(30, TimeUnit.SECONDS).customerId().orElseThrow());
            }
            assertThat(seen).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.payments.calls.stream().filter("customers.create"::equals)).hasSize(1);
    }

    @Test
    void aCallerThatWaitsInVainForAnotherHoldersCreationIsToldToRetry() {
        world.accounts.claimAndCrash(alice, world.clock.instant(), Duration.ofSeconds(90));
        EnsureCustomer impatient = instance(new CreationLease(Duration.ofSeconds(90), Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.ensure(alice)).isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
            assertThat(e.code()).isEqualTo("provider_unavailable");
            assertThat(e.retryAfter()).isEqualTo(EnsureCustomer.BUSY_RETRY_AFTER);
        });
        assertThat(world.payments.calls).isEmpty();
        assertThat(world.accounts.find(alice).orElseThrow().customerId()).isEmpty();
    }

    @Test
    void theLapsedClaimOfACrashedHolderIsTakenOver() {
        world.accounts.claimAndCrash(alice, world.clock.instant().minus(Duration.ofMinutes(2)), Duration.ofSeconds(90));

        EnsureCustomer.Ensured ensured = instance(new CreationLease(Duration.ofSeconds(90), Duration.ZERO))
                .ensureReporting(alice);

        assertThat(ensured.outcome()).isEqualTo(EnsureCustomer.Outcome.CREATED);
        assertThat(world.payments.calls).containsExactly("customers.search", "customers.create");
        assertThat(world.payments.customersByIdempotencyKey).containsOnlyKeys("billing-bridge-customer-user-user_alice");
    }

    @Test
    void aFailedCreationGivesItsClaimUpSoTheNextCallerNeedNotWaitForItToLapse() {
        world.payments.down.set(true);
        EnsureCustomer noWaiting = instance(new CreationLease(Duration.ofSeconds(90), Duration.ZERO));
        assertThatThrownBy(() -> noWaiting.ensure(alice)).isInstanceOf(ProviderUnavailable.class);
        world.payments.down.set(false);

        assertThat(noWaiting.ensure(alice).customerId()).isPresent();
    }

    @Test
    void aCustomerCreatedWhileTheOwnerWasLinkedElsewhereIsNotLinkedOverIt() {
        CreationClaim claim = world.accounts.claimAndCrash(alice, world.clock.instant(), Duration.ofSeconds(90));
        world.accounts.relink(alice, new CustomerId("cus_relinked"), world.clock.instant());

        assertThatThrownBy(() -> world.accounts.linkClaimed(claim, new CustomerId("cus_late"), CustomerProfile.empty(),
                world.clock.instant())).isInstanceOf(Conflict.class);
        assertThat(world.ensureCustomer.ensure(alice).customerId()).contains(new CustomerId("cus_relinked"));
    }
}
