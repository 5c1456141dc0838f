package io.billingbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.payment.CancellationReason;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.ScheduledChange;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemorySubscriptionLocks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancelAndResumeSubscriptionTest {
    private final BillingWorld world = new BillingWorld();
    private final Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
    private final Principal mallory = Principal.user(new UserId("user_mallory"), "sess_m");
    private final Principal bob = Principal.member(new UserId("user_bob"), "sess_b", new OrganizationId("org_acme"),
            "org:member", Set.of());
    private final OwnedSubscriptions owned = new OwnedSubscriptions(world.guard, world.snapshots, world.sync,
            new SessionRateLimit(50, Duration.ofMinutes(1), world.clock, world.signals), world.auditor,
            Duration.ofSeconds(5));
    private final LifecycleWrites writes = new LifecycleWrites(new InMemorySubscriptionLocks(),
            LifecycleWrites.DEFAULT_LEASE);
    private final CancelSubscription cancel = new CancelSubscription(owned, world.payments, world.reads, world.auditor,
            writes);
    private final ResumeSubscription resume = new ResumeSubscription(owned, world.payments, world.reads,
            world.auditor, writes);
    private CustomerId carols;

    @BeforeEach
    void carolHasAnActiveSubscription() {
        world.directory.user("user_carol", "Carol", "carol@example.com").user("user_mallory", "Mallory", null);
        carols = world.ensureCustomer.ensure(Owner.user("user_carol")).customerId().orElseThrow();
        world.ensureCustomer.ensure(Owner.user("user_mallory"));
        has("sub_carol1", "active");
        world.audit.entries.clear();
    }

    private void has(String id, String status) {
        world.payments.subscriptions.put(carols, List.of(new SubscriptionView(id, status, List.of(), false,
                Optional.empty(), Optional.empty(), world.clock.instant())));
        world.sync.sync(Owner.user("user_carol"), carols);
    }

    private static CancelSubscriptionCommand command(String subscription, String at, String reason) {
        return new CancelSubscriptionCommand("user", Optional.empty(), subscription, at, Optional.ofNullable(reason));
    }

    private static ResumeSubscriptionCommand resumeCommand(String subscription) {
        return new ResumeSubscriptionCommand("user", Optional.empty(), subscription);
    }

    @Test
    void cancelAtPeriodEndThenResumeAnswersWithTheSyncedViewEachTime() {
        BillingView canceling = cancel.cancel(carol, command("sub_carol1", "period_end", "too_expensive"));
        assertThat(canceling.subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.cancelAtPeriodEnd()).isTrue());
        assertThat(world.payments.calls).contains("subscriptions.cancel_at_period_end");
        assertThat(world.payments.reasons).singleElement()
                .satisfies(r -> assertThat(r.feedback()).contains("too_expensive"));

        BillingView resumed = resume.resume(carol, resumeCommand("sub_carol1"));
        assertThat(resumed.subscriptions()).singleElement().satisfies(s -> assertThat(s.cancelScheduled()).isFalse());
        assertThat(world.payments.calls).contains("subscriptions.withdraw_cancellation");
        assertThat(world.audit.entries).extracting(e -> e.outcome() + " " + e.action() + " " + e.detail())
                .containsExactly("allowed subscription.cancel sub_carol1 at=period_end",
                        "allowed subscription.cancel sub_carol1 resumed (cancellation withdrawn)");
    }

    @Test
    void cancelNowEndsTheSubscriptionAndThenNeitherCancelNorResumeIsPossible() {
        BillingView canceled = cancel.cancel(carol, command("sub_carol1", "now", null));
        assertThat(canceled.subscriptions()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("canceled"));

        assertThatThrownBy(() -> cancel.cancel(carol, command("sub_carol1", "now", null)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("subscription_ended"));
        assertThatThrownBy(() -> resume.resume(carol, resumeCommand("sub_carol1")))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("subscription_ended"));
    }

    @Test
    void resumingASubscriptionWithNothingScheduledIsAConflictAndSendsNothing() {
        assertThatThrownBy(() -> resume.resume(carol, resumeCommand("sub_carol1")))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("nothing_to_resume"));
        assertThat(world.payments.calls).doesNotContain("subscriptions.withdraw_cancellation", "subscriptions.resume");
    }

    @Test
    void aPausedSubscriptionIsResumedThroughTheProvidersResume() {
        has("sub_carol1", "paused");
        BillingView resumed = resume.resume(carol, resumeCommand("sub_carol1"));
        assertThat(resumed.subscriptions()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("active"));
        assertThat(world.payments.calls).contains("subscriptions.resume");
    }

    @Test
    void cancellingAtPeriodEndTwiceSendsOneWriteAndEachWriteHasItsOwnKey() {
        cancel.cancel(carol, command("sub_carol1", "period_end", null));
        cancel.cancel(carol, command("sub_carol1", "period_end", null));
        resume.resume(carol, resumeCommand("sub_carol1"));
        cancel.cancel(carol, command("sub_carol1", "period_end", null));

        assertThat(world.payments.calls.stream().filter("subscriptions.cancel_at_period_end"::equals)).hasSize(2);
        assertThat(world.payments.idempotencyKeys).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void cancellingAtThePeriodEndOfAScheduledChangeIsAConflictAndSendsNothingButCancellingNowIsAllowed() {
        world.payments.subscriptions.put(carols, List.of(new SubscriptionView("sub_carol1", "active", List.of(),
                false, Optional.empty(), Optional.empty(), world.clock.instant(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new ScheduledChange(
                        world.clock.instant().plus(Duration.ofDays(10)), "price_mini", Optional.of("mini"), "Mini",
                        1)))));
        world.sync.sync(Owner.user("user_carol"), carols);
        int calls = world.payments.calls.size();

        assertThatThrownBy(() -> cancel.cancel(carol, command("sub_carol1", "period_end", null)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code())
                        .isEqualTo(CancelSubscription.CHANGE_PENDING));
        assertThat(world.payments.calls).hasSize(calls);

        cancel.cancel(carol, command("sub_carol1", "now", null));
        assertThat(world.payments.calls.subList(calls, world.payments.calls.size())).isNotEmpty();
    }

    @Test
    void badTimingAndOverlongReasonsAre400sAndNothingIsSent() {
        assertThatThrownBy(() -> cancel.cancel(carol, command("sub_carol1", "tomorrow", null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.param()).contains("at"));
        assertThatThrownBy(() -> cancel.cancel(carol, command("sub_carol1", "now", "x".repeat(501))))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.param()).contains("reason"));
        assertThat(world.payments.calls).doesNotContain("subscriptions.cancel");
    }

    @Test
    void anotherOwnersSubscriptionIs404AndAMemberWithoutManageBillingIs403() {
        assertThatThrownBy(() -> cancel.cancel(mallory, command("sub_carol1", "now", null)))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("subscription_not_found"));
        assertThatThrownBy(() -> resume.resume(mallory, resumeCommand("sub_carol1")))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> cancel.cancel(bob, new CancelSubscriptionCommand("organization", Optional.empty(),
                "sub_carol1", "now", Optional.empty()))).isInstanceOf(AccessDenied.class);
        assertThat(world.payments.calls).doesNotContain("subscriptions.cancel");
    }

    @Test
    void theReasonNeverShowsInItsStringOrTheAudit() {
        cancel.cancel(carol, command("sub_carol1", "now", "my boss is secretly leaving"));
        assertThat(new CancellationReason("my boss is secretly leaving").toString()).doesNotContain("boss");
        assertThat(command("sub_carol1", "now", "my boss").toString()).doesNotContain("boss");
        assertThat(world.audit.entries).allSatisfy(e -> assertThat(e.detail()).doesNotContain("boss"));
        assertThat(world.payments.reasons).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("my boss is secretly leaving");
            assertThat(r.feedback()).isEmpty();
        });
    }
}
