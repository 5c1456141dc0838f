package io.billingbridge.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.BillingWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedOwnerSnapshotsTest {
    private final BillingWorld world = new BillingWorld();
    private final Owner acme = Owner.organization("org_acme");
    private final Owner carol = Owner.user("user_carol");
    private final Principal admin = Principal.member(new UserId("user_bob"), "s", new OrganizationId("org_acme"),
            "org:admin", Set.of());
    private final Principal outsider = Principal.member(new UserId("user_eve"), "s",
            new OrganizationId("org_other"), "org:admin", Set.of());
    private final AdvancingClock clock = new AdvancingClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final AtomicInteger fromMemory = new AtomicInteger();
    private final BillingSignals signals = new BillingSignals() {
        @Override
        public void ownerRead(boolean memory) {
            if (memory) {
                fromMemory.incrementAndGet();
            }
        }
    };
    private CachedOwnerSnapshots cache;
    private CustomerId acmeCustomer;

    @BeforeEach
    void syncedOrganization() {
        world.directory.user("user_bob", "Bob", "bob@example.com").user("user_carol", "Carol", null)
                .organization("org_acme", "Acme", "user_bob");
        acmeCustomer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.reads.read(admin, "organization", Optional.empty());
        cache = new CachedOwnerSnapshots(world.owners, 100, Duration.ofMinutes(5), clock, signals);
        world.owners.reads.set(0);
    }

    @Test
    void nothingIsServedFromMemoryUntilTheFeedIsLive() {
        cache.find(acme);
        cache.find(acme);
        assertThat(world.owners.reads).hasValue(2);
        assertThat(cache.serving()).isFalse();

        cache.feedLive();
        OwnerBilling first = cache.find(acme);
        assertThat(cache.find(acme)).isSameAs(first);
        assertThat(world.owners.reads).hasValue(3);
        assertThat(fromMemory).hasValue(1);
    }

    @Test
    void anAnnouncedChangeIsReadFromTheDatabaseOnTheNextRead() {
        cache.feedLive();
        cache.find(acme);
        world.snapshots.markDirty(acmeCustomer);
        assertThat(cache.find(acme).stored().orElseThrow().dirty())
                .as("unannounced, the kept copy is served: the announcement is what keeps it right").isFalse();

        cache.ownerChanged(acme.key());
        assertThat(cache.find(acme).stored().orElseThrow().dirty()).isTrue();
    }

    @Test
    void aChangeAnnouncedDuringTheDatabaseReadIsNotKept() {
        AtomicReference<CachedOwnerSnapshots> racing = new AtomicReference<>();
        OwnerSnapshots announcingWhileReading = owner -> {
            OwnerBilling read = world.owners.find(owner);
            racing.get().ownerChanged(Owner.user("user_somebody_else").key());
            return read;
        };
        racing.set(new CachedOwnerSnapshots(announcingWhileReading, 100, Duration.ofMinutes(5), clock, signals));
        racing.get().feedLive();

        racing.get().find(acme);
        racing.get().find(acme);
        assertThat(world.owners.reads).as("a read that overlapped a change is read again").hasValue(2);
        assertThat(fromMemory).hasValue(0);
    }

    @Test
    void whileTheFeedIsLostEveryReadGoesToTheDatabaseAndNothingKeptBeforeSurvives() {
        cache.feedLive();
        cache.find(acme);
        cache.feedLost();
        world.snapshots.markDirty(acmeCustomer);

        assertThat(cache.find(acme).stored().orElseThrow().dirty()).isTrue();
        world.snapshots.save(acme, world.snapshots.find(acmeCustomer).orElseThrow().snapshot());
        cache.find(acme);
        cache.find(acme);
        assertThat(world.owners.reads).hasValue(4);

        cache.feedLive();
        assertThat(cache.find(acme).stored().orElseThrow().dirty()).isFalse();
        assertThat(fromMemory).hasValue(0);
    }

    @Test
    void aSnapshotMarkedOutOfDateOrACustomerNeverSyncedIsNeverKept() {
        cache.feedLive();
        world.snapshots.markDirty(acmeCustomer);
        cache.find(acme);
        cache.find(acme);

        world.ensureCustomer.ensure(carol);
        cache.find(carol);
        cache.find(carol);
        assertThat(fromMemory).hasValue(0);
        assertThat(world.owners.reads).hasValue(4);
    }

    @Test
    void anOwnerWithoutAnAccountIsKeptUntilItsAccountIsAnnounced() {
        cache.feedLive();
        assertThat(cache.find(carol).account()).isEmpty();
        assertThat(cache.find(carol).account()).isEmpty();
        assertThat(fromMemory).hasValue(1);

        world.accounts.reserve(carol, clock.instant());
        cache.ownerChanged(carol.key());
        assertThat(cache.find(carol).account()).isPresent();
    }

    @Test
    void everyOwnerIsDroppedWhenEveryOwnerIsAnnounced() {
        cache.feedLive();
        cache.find(acme);
        cache.find(carol);
        cache.ownerChanged(CachedOwnerSnapshots.EVERY_OWNER);
        cache.find(acme);
        cache.find(carol);
        assertThat(world.owners.reads).hasValue(4);
    }

    @Test
    void anEntryEndsAfterItsMaximumAgeEvenWithNoChangeAnnounced() {
        cache.feedLive();
        cache.find(acme);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        cache.find(acme);
        assertThat(world.owners.reads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        cache.find(acme);
        assertThat(world.owners.reads).hasValue(2);
    }

    @Test
    void theCacheHoldsAtMostItsLimitAndZeroTurnsItOff() {
        CachedOwnerSnapshots two = new CachedOwnerSnapshots(world.owners, 2, Duration.ofMinutes(5), clock, signals);
        two.feedLive();
        for (String id : new String[] {"user_a", "user_b", "user_c"}) {
            two.find(Owner.user(id));
        }
        two.find(Owner.user("user_c"));
        assertThat(fromMemory).as("the newest is held").hasValue(1);
        two.find(Owner.user("user_a"));
        two.find(Owner.user("user_b"));
        assertThat(fromMemory).as("at most two were ever held").hasValueLessThanOrEqualTo(2);

        CachedOwnerSnapshots off = new CachedOwnerSnapshots(world.owners, 0, Duration.ofMinutes(5), clock, signals);
        off.feedLive();
        off.find(acme);
        off.find(acme);
        assertThat(off.serving()).isFalse();
        assertThat(fromMemory).hasValueLessThanOrEqualTo(2);
    }

    @Test
    void aSyncOnThisInstanceDropsTheOwnerBeforeItsAnnouncementArrives() {
        cache.feedLive();
        cache.find(acme);
        cache.snapshotChanged(acme, world.snapshots.find(acmeCustomer).orElseThrow().snapshot());
        cache.find(acme);
        assertThat(world.owners.reads).hasValue(2);
    }

    @Test
    void theAccessCheckRunsOnEveryReadServedFromMemory() {
        cache.feedLive();
        GetBillingSnapshot reads = new GetBillingSnapshot(world.guard, cache, world.sync, Duration.ofSeconds(1),
                Duration.ofSeconds(1), BillingSignals.NONE);
        reads.read(admin, "organization", Optional.empty());
        reads.read(admin, "organization", Optional.empty());
        assertThat(world.owners.reads).as("the second read came from memory").hasValue(1);

        assertThatThrownBy(() -> reads.read(outsider, "organization", Optional.of("org_acme")))
                .isInstanceOf(AccessDenied.class);
    }

    @Test
    void aReadRightAfterAChangeOnThisInstanceComesFromTheStore() {
        cache.feedLive();
        cache.find(acme);
        world.snapshots.markDirty(acmeCustomer);
        assertThat(cache.findInStore(acme).stored().orElseThrow().dirty()).isTrue();
    }

    @Test
    void anUnchangedOwnerGetsTheSameViewInstanceUntilItsSnapshotOrItsAccessStateChanges() {
        Instant now = clock.instant();
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_pro", Optional.of("pro_monthly"),
                "prod_pro", "Pro", 1, Optional.empty(), Optional.of("month"),
                Optional.of(now.minus(Duration.ofDays(20))), Optional.of(now.plus(Duration.ofDays(10))),
                Optional.empty());
        LatestInvoiceView dueSixDaysAgo = new LatestInvoiceView("in_1", "open", new Money(1500, "usd"),
                Optional.empty(), Optional.empty(), Optional.of(now.minus(Duration.ofDays(6))));
        world.payments.subscriptions.put(acmeCustomer, List.of(new SubscriptionView("sub_1", "past_due",
                List.of(item), false, Optional.empty(), Optional.empty(), now.minus(Duration.ofDays(50)),
                item.currentPeriodStart(), item.currentPeriodEnd(), Optional.empty(), Optional.empty(),
                Optional.of(dueSixDaysAgo), Optional.empty())));
        world.snapshots.markDirty(acmeCustomer);
        GetBillingSnapshot reads = new GetBillingSnapshot(world.guard, cache, world.sync, Duration.ofSeconds(1),
                Duration.ofSeconds(1), BillingSignals.NONE, new AccessStates(new AccessStateSettings(
                        Duration.ofDays(7), false, false, AccessStateSettings.defaults().defaultPlan())), clock);
        cache.feedLive();

        BillingView grace = reads.read(admin, "organization", Optional.empty());
        assertThat(grace.access().orElseThrow().state()).isEqualTo(AccessState.State.GRACE);
        assertThat(reads.read(admin, "organization", Optional.empty())).isSameAs(grace);

        clock.advance(Duration.ofDays(1));
        BillingView locked = reads.read(admin, "organization", Optional.empty());
        assertThat(locked.access().orElseThrow().state()).as("the grace ended: a new view").isEqualTo(
                AccessState.State.LOCKED);
        assertThat(reads.read(admin, "organization", Optional.empty())).isSameAs(locked);

        world.payments.subscriptions.put(acmeCustomer, List.of());
        world.snapshots.markDirty(acmeCustomer);
        cache.ownerChanged(acme.key());
        assertThat(reads.read(admin, "organization", Optional.empty()).subscriptions()).as("a new snapshot")
                .isEmpty();
    }
}
