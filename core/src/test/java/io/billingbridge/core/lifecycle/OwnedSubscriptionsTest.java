package io.billingbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.BillingWorld;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnedSubscriptionsTest {
    private final BillingWorld world = new BillingWorld();
    private final Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
    private final Principal mallory = Principal.user(new UserId("user_mallory"), "sess_m");
    private final Principal bob = Principal.member(new UserId("user_bob"), "sess_b", new OrganizationId("org_acme"),
            "org:member", Set.of());
    private final OwnedSubscriptions owned = new OwnedSubscriptions(world.guard, world.snapshots, world.sync,
            new SessionRateLimit(5, Duration.ofMinutes(1), world.clock, world.signals), world.auditor,
            Duration.ofSeconds(5));
    private CustomerId carols;

    @BeforeEach
    void carolHasASubscriptionAndMalloryACustomer() {
        world.directory.user("user_carol", "Carol", "carol@example.com").user("user_mallory", "Mallory", null);
        carols = world.ensureCustomer.ensure(Owner.user("user_carol")).customerId().orElseThrow();
        world.ensureCustomer.ensure(Owner.user("user_mallory"));
        world.payments.subscriptions.put(carols, List.of(subscription("sub_carol1")));
        world.sync.sync(Owner.user("user_carol"), carols);
        world.audit.entries.clear();
    }

    @Test
    void theOwnersSubscriptionIsFoundWithItsOwnerAndCustomer() {
        OwnedSubscription found = owned.find(carol, "user", Optional.empty(), "sub_carol1", Action.CANCEL_SUBSCRIPTION);

        assertThat(found.owner()).isEqualTo(Owner.user("user_carol"));
        assertThat(found.customer()).isEqualTo(carols);
        assertThat(found.subscription().id()).isEqualTo("sub_carol1");
        assertThat(world.audit.entries).isEmpty();
    }

    @Test
    void anotherOwnersSubscriptionAnswersExactlyAsAMissingOrMalformedOneAndEachAttemptIsAudited() {
        NotFound foreign = notFound(mallory, "sub_carol1");
        NotFound missing = notFound(mallory, "sub_nothere");
        NotFound malformed = notFound(mallory, "../sub_carol1");

        assertThat(foreign.code()).isEqualTo(OwnedSubscriptions.NOT_FOUND).isEqualTo(missing.code())
                .isEqualTo(malformed.code());
        assertThat(foreign).hasMessage(missing.getMessage()).hasMessage(malformed.getMessage());
        assertThat(world.audit.entries).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.action()).isEqualTo("subscription.change");
            assertThat(e.owner()).contains("user:user_mallory");
            assertThat(e.detail()).isEqualTo(OwnedSubscriptions.NOT_FOUND);
        });
    }

    @Test
    void aSubscriptionNotYetInAnOutOfDateSnapshotIsFoundAfterOneSync() {
        world.payments.subscriptions.put(carols, List.of(subscription("sub_carol1"), subscription("sub_carol2")));
        world.snapshots.markDirty(carols);
        int fetches = world.payments.snapshotFetches.get();

        assertThat(owned.find(carol, "user", Optional.empty(), "sub_carol2", Action.CHANGE_SUBSCRIPTION)
                .subscription().id()).isEqualTo("sub_carol2");
        assertThat(world.payments.snapshotFetches.get()).isEqualTo(fetches + 1);
    }

    @Test
    void anUpToDateSnapshotIsNotResyncedForAnUnknownId() {
        int fetches = world.payments.snapshotFetches.get();

        notFound(carol, "sub_nothere");

        assertThat(world.payments.snapshotFetches.get()).isEqualTo(fetches);
    }

    @Test
    void aMemberWithoutManageBillingIsRefusedBeforeAnyLookup() {
        assertThatThrownBy(() -> owned.find(bob, "organization", Optional.empty(), "sub_carol1",
                Action.CANCEL_SUBSCRIPTION)).isInstanceOf(AccessDenied.class);
        assertThat(world.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("subscription.cancel");
            assertThat(e.detail()).isEqualTo("access_denied");
        });
    }

    @Test
    void probingIdsSpendsTheCallersRateLimit() {
        for (int i = 0; i < 5; i++) {
            notFound(mallory, "sub_guess" + i);
        }
        assertThatThrownBy(() -> owned.find(mallory, "user", Optional.empty(), "sub_carol1",
                Action.CHANGE_SUBSCRIPTION)).isInstanceOf(RateLimited.class);
    }

    private NotFound notFound(Principal principal, String id) {
        return catchThrowableOfType(() -> owned.find(principal, "user", Optional.empty(), id,
                Action.CHANGE_SUBSCRIPTION), NotFound.class);
    }

    private SubscriptionView subscription(String id) {
        return new SubscriptionView(id, "active", List.of(), false, Optional.empty(), Optional.empty(),
                world.clock.instant());
    }
}
