package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiBillingAccountsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final CustomerProfile PROFILE =
            new CustomerProfile(Optional.of("Alice Liddell"), Optional.of("alice@example.com"), Map.of("plan", "pro"));

    private Jdbi jdbi;
    private JdbiBillingAccounts accounts;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        accounts = new JdbiBillingAccounts(jdbi);
    }

    @Test
    void reserveCreatesAPendingAccountOnce() {
        BillingAccount first = accounts.reserve(ALICE, NOW);
        BillingAccount second = accounts.reserve(ALICE, NOW.plusSeconds(5));

        assertThat(first.syncState()).isEqualTo(SyncState.PENDING);
        assertThat(first.customerId()).isEmpty();
        assertThat(second).isEqualTo(first);
        assertThat(accounts.find(ALICE)).contains(first);
        assertThat(accounts.find(ACME)).isEmpty();
    }

    @Test
    void linkRecordsCustomerAndProfile() {
        accounts.reserve(ACME, NOW);
        BillingAccount linked = accounts.link(ACME, new CustomerId("cus_acme1"), PROFILE, NOW.plusSeconds(1));

        assertThat(linked.syncState()).isEqualTo(SyncState.ACTIVE);
        assertThat(linked.customerId()).contains(new CustomerId("cus_acme1"));
        assertThat(linked.profile()).isEqualTo(PROFILE);
        assertThat(linked.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(accounts.findByCustomer(new CustomerId("cus_acme1"))).contains(linked);
        assertThat(accounts.link(ACME, new CustomerId("cus_acme1"), PROFILE, NOW.plusSeconds(2)).customerId())
                .as("linking the same customer again is idempotent")
                .contains(new CustomerId("cus_acme1"));
    }

    @Test
    void ownerCannotBeLinkedToASecondCustomer() {
        accounts.reserve(ALICE, NOW);
        accounts.link(ALICE, new CustomerId("cus_first"), PROFILE, NOW);

        assertThatThrownBy(() -> accounts.link(ALICE, new CustomerId("cus_second"), PROFILE, NOW))
                .isInstanceOf(Conflict.class);
        assertThat(accounts.find(ALICE).orElseThrow().customerId()).contains(new CustomerId("cus_first"));
    }

    @Test
    void customerCannotBelongToTwoOwners() {
        accounts.reserve(ALICE, NOW);
        accounts.reserve(ACME, NOW);
        accounts.link(ALICE, new CustomerId("cus_shared"), PROFILE, NOW);

        assertThatThrownBy(() -> accounts.link(ACME, new CustomerId("cus_shared"), PROFILE, NOW))
                .isInstanceOf(Conflict.class)
                .hasMessageNotContaining("cus_shared");
        assertThat(accounts.find(ACME).orElseThrow().customerId()).isEmpty();
    }

    @Test
    void linkWithoutReservationIsAConflict() {
        assertThatThrownBy(() -> accounts.link(ALICE, new CustomerId("cus_x"), PROFILE, NOW))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void releaseUnlinksTheCustomerDropsItsSnapshotAndCountsAGeneration() {
        CustomerId dead = new CustomerId("cus_dead");
        accounts.reserve(ALICE, NOW);
        accounts.link(ALICE, dead, PROFILE, NOW);
        new JdbiSnapshots(jdbi).save(ALICE, new BillingSnapshot(dead, List.of(), List.of(), List.of(), List.of(),
                List.of(), NOW));

        assertThat(accounts.release(ALICE, dead, NOW.plusSeconds(1))).isTrue();

        BillingAccount released = accounts.find(ALICE).orElseThrow();
        assertThat(released.customerId()).isEmpty();
        assertThat(released.syncState()).isEqualTo(SyncState.PENDING);
        assertThat(released.customerGeneration()).isEqualTo(1);
        assertThat(released.profile()).isEqualTo(PROFILE);
        assertThat(accounts.findByCustomer(dead)).isEmpty();
        assertThat(new JdbiSnapshots(jdbi).find(dead)).isEmpty();
        assertThat(accounts.release(ALICE, dead, NOW.plusSeconds(2))).as("already released").isFalse();
    }

    @Test
    void aReleasedOwnerLinksANewCustomerAndTheOldIdCanBeRelinkedLater() {
        CustomerId first = new CustomerId("cus_first");
        CustomerId second = new CustomerId("cus_second");
        accounts.reserve(ALICE, NOW);
        accounts.link(ALICE, first, PROFILE, NOW);
        accounts.release(ALICE, first, NOW);

        BillingAccount relinked = accounts.link(ALICE, second, PROFILE, NOW.plusSeconds(1));
        accounts.release(ALICE, second, NOW.plusSeconds(2));
        BillingAccount back = accounts.link(ALICE, first, PROFILE, NOW.plusSeconds(3));

        assertThat(relinked.customerId()).contains(second);
        assertThat(back.customerId()).contains(first);
        assertThat(back.customerGeneration()).isEqualTo(2);
    }

    @Test
    void releasingADeletedOwnersCustomerKeepsItDeleted() {
        CustomerId gone = new CustomerId("cus_gone");
        accounts.reserve(ACME, NOW);
        accounts.link(ACME, gone, PROFILE, NOW);
        accounts.update(ACME, PROFILE, SyncState.DELETED, NOW);

        assertThat(accounts.release(ACME, gone, NOW)).isTrue();
        assertThat(accounts.find(ACME).orElseThrow().syncState()).isEqualTo(SyncState.DELETED);
    }

    @Test
    void releaseOfAnotherCustomerChangesNothing() {
        accounts.reserve(ALICE, NOW);
        accounts.link(ALICE, new CustomerId("cus_live"), PROFILE, NOW);

        assertThat(accounts.release(ALICE, new CustomerId("cus_other"), NOW)).isFalse();
        assertThat(accounts.find(ALICE).orElseThrow().customerId()).contains(new CustomerId("cus_live"));
    }

    @Test
    void updateChangesProfileAndState() {
        accounts.reserve(ALICE, NOW);
        accounts.link(ALICE, new CustomerId("cus_a"), PROFILE, NOW);
        CustomerProfile renamed = new CustomerProfile(Optional.of("Alice L."), Optional.empty(), Map.of());

        BillingAccount updated = accounts.update(ALICE, renamed, SyncState.DELETED, NOW.plusSeconds(9));

        assertThat(updated.profile()).isEqualTo(renamed);
        assertThat(updated.syncState()).isEqualTo(SyncState.DELETED);
        assertThat(updated.customerId()).contains(new CustomerId("cus_a"));
        assertThatThrownBy(() -> accounts.update(ACME, renamed, SyncState.ACTIVE, NOW)).isInstanceOf(Conflict.class);
    }

    @Test
    void concurrentReservationsForOneOwnerMakeOneRow() throws Exception {
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BillingAccount>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Instant at = NOW.plus(i, ChronoUnit.MILLIS);
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return accounts.reserve(ACME, at);
                }));
            }
            List<BillingAccount> seen = new ArrayList<>();
            for (Future<BillingAccount> result : results) {
                seen.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(threads).allSatisfy(a -> assertThat(a).isEqualTo(seen.get(0)));
        } finally {
            pool.shutdownNow();
        }
        int rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM billing_accounts WHERE owner_type = 'organization' AND owner_id = 'org_acme'")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void concurrentLinksOfOneOwnerKeepExactlyOneCustomer() throws Exception {
        accounts.reserve(ALICE, NOW);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                CustomerId candidate = new CustomerId("cus_candidate" + i);
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        accounts.link(ALICE, candidate, PROFILE, NOW);
                        return true;
                    } catch (Conflict lost) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(accounts.find(ALICE).orElseThrow().customerId()).isPresent();
    }
}
