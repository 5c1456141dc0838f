package io.billingbridge.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.WalkProgress;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcileAccountsTest {
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner BOB = Owner.user("user_bob");
    private static final Owner CAROL = Owner.user("user_carol");
    private static final Owner DAVE = Owner.user("user_dave");
    private static final Owner ERIN = Owner.user("user_erin");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final CustomerId DAVE_ORPHAN = new CustomerId("cus_orphanDave");
    private static final CustomerId ERIN_ORPHAN = new CustomerId("cus_orphanErin");
    private static final CustomerId ACME_SECOND = new CustomerId("cus_secondAcme");

    private final BillingWorld world = new BillingWorld();
    private final ReconcileAccounts reconcile = new ReconcileAccounts(world.accounts, world.snapshots,
            world.payments, world.sync, world.ensureCustomer);
    private CustomerId carols;
    private CustomerId bobs;
    private CustomerId acmes;

    @BeforeEach
    void drift() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .user("user_carol", "Carol", "carol@example.com").user("user_dave", "Dave", "dave@example.com")
                .user("user_erin", "Erin", "erin@example.com").organization("org_acme", "Acme", "user_bob");
        world.sync.sync(ALICE, customer(ALICE));
        bobs = customer(BOB);
        world.sync.sync(BOB, bobs);
        world.snapshots.markDirty(bobs);
        carols = customer(CAROL);
        world.sync.sync(CAROL, carols);
        world.payments.deleted.add(carols);
        world.payments.customerOwners.put(DAVE_ORPHAN, DAVE);
        world.accounts.reserve(ERIN, world.clock.instant());
        world.payments.customerOwners.put(ERIN_ORPHAN, ERIN);
        acmes = customer(ACME);
        world.sync.sync(ACME, acmes);
        world.payments.customerOwners.put(ACME_SECOND, ACME);
        world.payments.subscribed.add(ACME_SECOND);
        world.payments.calls.clear();
    }

    private CustomerId customer(Owner owner) {
        return world.ensureCustomer.ensure(owner).customerId().orElseThrow();
    }

    private Optional<CustomerId> linked(Owner owner) {
        return world.accounts.find(owner).flatMap(BillingAccount::customerId);
    }

    @Test
    void aReportListsEachKindOfDriftAndChangesNothing() {
        ReconcileAccounts.Report report = reconcile.run(false, WalkProgress.NONE);

        assertThat(report.drift()).extracting(Drift::kind, Drift::owner, Drift::customers, Drift::resolution)
                .containsExactly(
                        tuple(Drift.Kind.MISSING_MAPPING, ERIN, List.of(ERIN_ORPHAN),
                                Drift.Resolution.FIXABLE),
                        tuple(Drift.Kind.ORPHAN_CUSTOMER, DAVE, List.of(DAVE_ORPHAN),
                                Drift.Resolution.FIXABLE),
                        tuple(Drift.Kind.DUPLICATE_CUSTOMERS, ACME,
                                sorted(acmes, ACME_SECOND), Drift.Resolution.LEFT_FOR_PERSON),
                        tuple(Drift.Kind.DEAD_MAPPING, CAROL, List.of(carols),
                                Drift.Resolution.FIXABLE),
                        tuple(Drift.Kind.STALE_SNAPSHOT, BOB, List.of(bobs),
                                Drift.Resolution.FIXABLE));
        Drift duplicate = report.drift().get(2);
        assertThat(duplicate.linked()).contains(acmes);
        assertThat(duplicate.liveSubscriptions()).containsExactly(ACME_SECOND);
        assertThat(report.accountsChecked()).isEqualTo(4);
        assertThat(report.ownedCustomers()).isEqualTo(6);
        assertThat(world.payments.calls).doesNotContain("customers.update", "customers.create", "customers.delete");
        assertThat(linked(CAROL)).contains(carols);
        assertThat(linked(DAVE)).isEmpty();
        assertThat(world.snapshots.find(bobs).orElseThrow().dirty()).isTrue();
    }

    @Test
    void fixRepairsTheSafeDriftAndLeavesTheDuplicateForAPerson() {
        ReconcileAccounts.Report fixed = reconcile.run(true, WalkProgress.NONE);

        assertThat(fixed.drift()).filteredOn(d -> d.kind() != Drift.Kind.DUPLICATE_CUSTOMERS)
                .allSatisfy(d -> assertThat(d.resolution()).as(d.kind().wireName()).isEqualTo(Drift.Resolution.FIXED));
        assertThat(linked(DAVE)).contains(DAVE_ORPHAN);
        assertThat(linked(ERIN)).contains(ERIN_ORPHAN);
        assertThat(linked(CAROL)).isEmpty();
        assertThat(world.snapshots.find(bobs).orElseThrow().dirty()).isFalse();
        assertThat(linked(ACME)).contains(acmes);
        assertThat(world.payments.deleted).containsExactly(carols);

        ReconcileAccounts.Report after = reconcile.run(false, WalkProgress.NONE);

        assertThat(after.drift()).extracting(Drift::kind, Drift::owner, Drift::resolution).containsExactly(
                tuple(Drift.Kind.DUPLICATE_CUSTOMERS, ACME,
                        Drift.Resolution.LEFT_FOR_PERSON));
    }

    @Test
    void resyncAllCountsEveryLiveSnapshotAsStale() {
        ReconcileAccounts.Report report = reconcile.run(true, true, WalkProgress.NONE);

        assertThat(report.drift()).filteredOn(d -> d.kind() == Drift.Kind.STALE_SNAPSHOT)
                .extracting(Drift::owner, Drift::resolution).containsExactlyInAnyOrder(
                        tuple(ALICE, Drift.Resolution.FIXED), tuple(BOB, Drift.Resolution.FIXED),
                        tuple(ACME, Drift.Resolution.FIXED));
    }

    @Test
    void anOrphanOfAnOwnerClerkDoesNotKnowIsLeftForAPersonAndGetsNoAccount() {
        Owner ghost = Owner.user("user_ghost");
        CustomerId ghosts = new CustomerId("cus_ghost1");
        world.payments.customerOwners.put(ghosts, ghost);

        ReconcileAccounts.Report report = reconcile.run(true, WalkProgress.NONE);

        assertThat(report.drift()).filteredOn(d -> d.owner().equals(ghost)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.ORPHAN_CUSTOMER);
            assertThat(d.resolution()).isEqualTo(Drift.Resolution.LEFT_FOR_PERSON);
            assertThat(d.note()).contains("Clerk does not know this owner");
        });
        assertThat(world.accounts.find(ghost)).isEmpty();
    }

    @Test
    void anOrphanWhoseOwnerGotACustomerMeanwhileIsNotLinked() {
        world.accounts.link(ERIN, new CustomerId("cus_fresh1"), CustomerProfile.empty(), world.clock.instant());

        assertThat(world.ensureCustomer.adopt(ERIN, ERIN_ORPHAN)).isEmpty();
        assertThat(linked(ERIN)).contains(new CustomerId("cus_fresh1"));
    }

    private static List<CustomerId> sorted(CustomerId a, CustomerId b) {
        return a.value().compareTo(b.value()) < 0 ? List.of(a, b) : List.of(b, a);
    }
}
