package io.billingbridge.core.usage;

import static io.billingbridge.core.usage.UsageFixture.CUSTOMER_ONLY;
import static io.billingbridge.core.usage.UsageFixture.FREE_CUSTOMER;
import static io.billingbridge.core.usage.UsageFixture.NO_CUSTOMER;
import static io.billingbridge.core.usage.UsageFixture.SUBSCRIBED;
import static io.billingbridge.core.usage.UsageFixture.SUBSCRIBED_CUSTOMER;
import static io.billingbridge.core.usage.UsageFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardUsageTest {
    private final UsageFixture world = new UsageFixture();
    private final ReportUsage report = world.report(false);
    private final ForwardUsage forward = world.forward();

    private void reportMany(int count, long value) {
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(event(SUBSCRIBED, "api_calls", value, "e" + i));
            if (batch.size() == ReportUsage.MAX_BATCH) {
                report.report(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            report.report(batch);
        }
    }

    @Test
    void sendsEachEventWithItsIdentifierCustomerAndTimeAndMarksItSent() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 3, "a"), event(SUBSCRIBED, "api_calls", 4, "b")));

        assertThat(forward.drain()).isEqualTo(2);

        assertThat(world.stripe.attempts).extracting(e -> e.identifier().value()).containsExactly("a", "b");
        assertThat(world.stripe.attempts).extracting(MeterEvent::customer).containsOnly(SUBSCRIBED_CUSTOMER);
        assertThat(world.stripe.attempts).extracting(MeterEvent::timestamp).containsOnly(UsageFixture.START);
        assertThat(world.stripe.total(SUBSCRIBED_CUSTOMER, "mtr_api")).isEqualTo(7);
        assertThat(world.outbox.count(UsageState.SENT)).isEqualTo(2);
        assertThat(forward.drain()).isZero();
    }

    @Test
    void drainsMoreThanOneClaimBatch() {
        reportMany(250, 2);

        assertThat(forward.drain()).isEqualTo(250);
        assertThat(world.stripe.total(SUBSCRIBED_CUSTOMER, "mtr_api")).isEqualTo(500);
    }

    @Test
    void anOutageRetriesTheRestOfTheBatchWithBackoffAndStripeCountsEachEventOnce() {
        reportMany(10, 1);
        world.stripe.scripted.add(new SendOutcome.Sent());
        world.stripe.scripted.add(new SendOutcome.Sent());
        world.stripe.scripted.add(new SendOutcome.TryLater("server_error", Optional.empty()));

        assertThat(forward.drain()).isEqualTo(2);
        assertThat(world.stripe.attempts).hasSize(3);
        assertThat(world.outbox.count(UsageState.PENDING)).isEqualTo(8);
        assertThat(world.outbox.rows.values()).filteredOn(r -> r.state == UsageState.PENDING)
                .extracting(r -> r.lastError).containsOnly("server_error");

        world.clock.advance(Duration.ofMillis(999));
        assertThat(forward.drain()).isZero();
        world.stripe.down = true;
        world.clock.advance(Duration.ofMillis(1));
        assertThat(forward.drain()).isZero();
        world.clock.advance(Duration.ofMillis(1_999));
        assertThat(forward.drain()).as("the second retry waits two seconds").isZero();
        assertThat(world.stripe.attempts).hasSize(4);

        world.stripe.down = false;
        world.clock.advance(Duration.ofMillis(1));
        assertThat(forward.drain()).isEqualTo(8);
        assertThat(world.stripe.total(SUBSCRIBED_CUSTOMER, "mtr_api")).isEqualTo(10);
    }

    @Test
    void anEventStripeAlreadyHasCountsAsSent() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 5, "a")));
        world.stripe.scripted.add(new SendOutcome.AlreadySent());

        assertThat(forward.drain()).isEqualTo(1);
        assertThat(world.outbox.count(UsageState.SENT)).isEqualTo(1);
        assertThat(world.rejections).isEmpty();
    }

    @Test
    void anEventLeftClaimedByAStoppedInstanceIsSentAgainAfterTheClaimLapsesAndCountedOnce() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 5, "a")));
        List<ClaimedUsage> lost = world.outbox.claimDue(world.clock.instant(), ForwardUsage.CLAIM, 10);
        world.stripe.send(new MeterEvent(world.apiCalls, SUBSCRIBED_CUSTOMER, 5, lost.get(0).identifier(),
                lost.get(0).timestamp()));

        assertThat(forward.drain()).isZero();
        world.clock.advance(ForwardUsage.CLAIM);
        assertThat(forward.drain()).isEqualTo(1);
        assertThat(world.stripe.total(SUBSCRIBED_CUSTOMER, "mtr_api")).isEqualTo(5);
    }

    @Test
    void anEventStripeRefusesIsKeptRejectedWithTheCodeAndReported() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 5, "a"), event(SUBSCRIBED, "api_calls", 6, "b")));
        world.stripe.scripted.add(new SendOutcome.Refused("resource_missing"));

        assertThat(forward.drain()).isEqualTo(1);
        assertThat(world.outbox.rows.get(new UsageIdentifier("a")).state).isEqualTo(UsageState.REJECTED);
        assertThat(world.outbox.rows.get(new UsageIdentifier("a")).lastError).isEqualTo("resource_missing");
        assertThat(world.rejections).containsExactly("user:user_sub a resource_missing");
    }

    @Test
    void anEventWhoseMeterWasDeactivatedIsRejected() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 5, "a")));
        world.stripe.meters.clear();
        world.clock.advance(MeterDirectory.FRESH);

        assertThat(forward.drain()).isZero();
        assertThat(world.rejections).containsExactly("user:user_sub a no_active_meter");
        assertThat(world.stripe.attempts).isEmpty();
    }

    @Test
    void waitingEventsAreSentOnceTheOwnerHasACustomerWithAMeteredSubscription() {
        world.report(true).report(List.of(event(CUSTOMER_ONLY, "api_calls", 2, "a"),
                event(NO_CUSTOMER, "api_calls", 3, "b")));

        assertThat(forward.drain()).isZero();
        assertThat(world.stripe.attempts).isEmpty();

        world.stripe.subscribe(FREE_CUSTOMER, world.apiCalls.id());
        CustomerId late = new CustomerId("cus_late");
        world.link(NO_CUSTOMER, late);
        world.stripe.subscribe(late, world.apiCalls.id());
        world.clock.advance(ForwardUsage.WAITING_RECHECK.minusSeconds(1));
        assertThat(forward.drain()).as("not checked again before the recheck interval").isZero();
        world.clock.advance(Duration.ofSeconds(1));

        assertThat(forward.drain()).isEqualTo(2);
        assertThat(world.stripe.total(FREE_CUSTOMER, "mtr_api")).isEqualTo(2);
        assertThat(world.stripe.total(late, "mtr_api")).isEqualTo(3);
        assertThat(world.outbox.backlog()).isEqualTo(new UsageBacklog(0, 0));
    }

    @Test
    void aStripeOutageWhileLookingUpMetersPostponesTheBatchInsteadOfHoldingItClaimed() {
        world.report(true).report(List.of(event(CUSTOMER_ONLY, "api_calls", 2, "w")));
        report.report(List.of(event(SUBSCRIBED, "api_calls", 5, "a")));
        world.stripe.down = true;
        ForwardUsage restarted = new ForwardUsage(world.outbox, world.stripe, new MeterDirectory(world.stripe,
                world.clock), world.accounts, (owner, name, id, value, code, at) -> world.rejections.add(code),
                UsageSignals.NONE, world.clock);

        assertThat(restarted.drain()).isZero();
        assertThat(world.outbox.rows.get(new UsageIdentifier("a")).lastError).isEqualTo("unreachable");
        assertThat(world.outbox.rows.get(new UsageIdentifier("a")).nextAttemptAt)
                .isEqualTo(world.clock.instant().plusSeconds(1));
        assertThat(world.rejections).as("a meter not known for lack of Stripe is not a rejection").isEmpty();
    }

    @Test
    void backoffDoublesFromOneSecondUpToFiveMinutes() {
        assertThat(ForwardUsage.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ForwardUsage.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(ForwardUsage.backoff(40)).isEqualTo(Duration.ofMinutes(5));
    }
}
