package io.billingbridge.core.usage;

import static io.billingbridge.core.usage.UsageFixture.CUSTOMER_ONLY;
import static io.billingbridge.core.usage.UsageFixture.NO_CUSTOMER;
import static io.billingbridge.core.usage.UsageFixture.SUBSCRIBED;
import static io.billingbridge.core.usage.UsageFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.OwnerNotFound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportUsageTest {
    private final UsageFixture world = new UsageFixture();
    private final ReportUsage report = world.report(false);

    @Test
    void storesAReportAndCountsRepeatedIdentifiersAsDuplicatesKeepingTheFirst() {
        UsageReceipt first = report.report(List.of(event(SUBSCRIBED, "api_calls", 3, "a"),
                event(SUBSCRIBED, "api_calls", 4, "b"), event(SUBSCRIBED, "api_calls", 99, "a")));
        UsageReceipt again = report.report(List.of(event(SUBSCRIBED, "api_calls", 7, "b")));

        assertThat(first).isEqualTo(new UsageReceipt(2, 1));
        assertThat(again).isEqualTo(new UsageReceipt(0, 1));
        assertThat(world.outbox.rows).hasSize(2);
        assertThat(world.outbox.rows.values()).extracting(r -> r.usage.event().value()).containsExactly(3L, 4L);
        assertThat(world.outbox.rows.values()).extracting(r -> r.state).containsOnly(UsageState.PENDING);
        assertThat(world.wakes).hasValue(1);
    }

    @Test
    void anEventWithoutTimestampIsStampedWithTheTimeItWasReceived() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "a")));

        assertThat(world.outbox.rows.values().iterator().next().usage.timestamp()).isEqualTo(UsageFixture.START);
    }

    @Test
    void refusesTheWholeReportNamingTheEventWhoseNameNoActiveMeterHas() {
        assertThatThrownBy(() -> report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "a"),
                event(SUBSCRIBED, "tokens", 1, "b"))))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("usage_event_unknown");
                    assertThat(e.param()).contains("events[1].event");
                    assertThat(e.getMessage()).startsWith("events[1]: ");
                });
        assertThat(world.outbox.rows).isEmpty();
        assertThat(world.wakes).hasValue(0);
    }

    @Test
    void refusesUsageOfAnOwnerWithoutACustomerAndStoresNothingOfTheReport() {
        assertThatThrownBy(() -> report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "a"),
                event(NO_CUSTOMER, "api_calls", 1, "b"))))
                .isInstanceOfSatisfying(OwnerNotFound.class, e -> {
                    assertThat(e.code()).isEqualTo("usage_owner_unknown");
                    assertThat(e.getMessage()).startsWith("events[1]: ");
                });
        assertThat(world.outbox.rows).isEmpty();
    }

    @Test
    void refusesUsageOfAnOwnerWhoseSubscriptionsDoNotMeterTheEvent() {
        assertThatThrownBy(() -> report.report(List.of(event(CUSTOMER_ONLY, "api_calls", 1, "a"))))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("usage_not_metered"));
        assertThat(world.outbox.rows).isEmpty();
    }

    @Test
    void keepsUsageOfOwnersWithoutAMeteredSubscriptionWaitingWhenConfiguredTo() {
        UsageReceipt receipt = world.report(true).report(List.of(event(CUSTOMER_ONLY, "api_calls", 1, "a"),
                event(NO_CUSTOMER, "api_calls", 2, "b"), event(SUBSCRIBED, "api_calls", 3, "c")));

        assertThat(receipt).isEqualTo(new UsageReceipt(3, 0));
        assertThat(world.outbox.rows.values()).extracting(r -> r.state)
                .containsExactly(UsageState.WAITING, UsageState.WAITING, UsageState.PENDING);
        assertThat(world.outbox.rows.values()).extracting(r -> r.customer)
                .containsExactly(Optional.of(UsageFixture.FREE_CUSTOMER), Optional.empty(),
                        Optional.of(UsageFixture.SUBSCRIBED_CUSTOMER));
    }

    @Test
    void refusesTimestampsOutsideStripesWindowOf35DaysBackAndFiveMinutesAhead() {
        UsageEvent old = new UsageEvent(SUBSCRIBED, "api_calls", 1, new UsageIdentifier("old"),
                Optional.of(UsageFixture.START.minus(Duration.ofDays(35)).minusSeconds(1)));
        UsageEvent ahead = new UsageEvent(SUBSCRIBED, "api_calls", 1, new UsageIdentifier("ahead"),
                Optional.of(UsageFixture.START.plus(Duration.ofMinutes(5)).plusSeconds(1)));
        UsageEvent edge = new UsageEvent(SUBSCRIBED, "api_calls", 1, new UsageIdentifier("edge"),
                Optional.of(UsageFixture.START.minus(Duration.ofDays(35))));

        assertThatThrownBy(() -> report.report(List.of(edge, old))).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.param()).contains("events[1].timestamp"));
        assertThatThrownBy(() -> report.report(List.of(ahead))).isInstanceOf(InvalidRequest.class);
        assertThat(report.report(List.of(edge)).accepted()).isEqualTo(1);
    }

    @Test
    void refusesAnEmptyReportAndOneOfMoreThanAHundredEvents() {
        List<UsageEvent> tooMany = new ArrayList<>();
        IntStream.range(0, ReportUsage.MAX_BATCH + 1).forEach(i -> tooMany.add(event(SUBSCRIBED, "api_calls", 1,
                "e" + i)));

        assertThatThrownBy(() -> report.report(List.of())).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.code()).isEqualTo("usage_batch_empty"));
        assertThatThrownBy(() -> report.report(tooMany)).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.code()).isEqualTo("usage_batch_too_large"));
        assertThat(report.report(tooMany.subList(0, ReportUsage.MAX_BATCH)).accepted()).isEqualTo(100);
    }

    @Test
    void asksStripeForMetersAndSubscriptionsOnceAMinuteWhileTheyAreKnown() {
        for (int i = 0; i < 50; i++) {
            report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "e" + i)));
            world.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(world.stripe.meterLists).isEqualTo(1);
        assertThat(world.stripe.subscriptionLists).isEqualTo(1);
    }

    @Test
    void seesAMeterOrSubscriptionCreatedAMomentAgoWithinSeconds() {
        assertThatThrownBy(() -> report.report(List.of(event(CUSTOMER_ONLY, "api_calls", 1, "a"))))
                .isInstanceOf(Conflict.class);
        world.stripe.subscribe(UsageFixture.FREE_CUSTOMER, world.apiCalls.id());
        world.stripe.subscribe(UsageFixture.FREE_CUSTOMER, world.stripe.addMeter("mtr_tok", "tokens").id());
        world.clock.advance(Duration.ofSeconds(5));

        assertThat(report.report(List.of(event(CUSTOMER_ONLY, "api_calls", 1, "a"),
                event(CUSTOMER_ONLY, "tokens", 1, "b"))).accepted()).isEqualTo(2);
    }

    @Test
    void keepsTakingUsageOnWhatItKnowsWhileStripeIsDownButRefusesWhatItCannotCheck() {
        report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "a")));
        world.stripe.down = true;
        world.clock.advance(Duration.ofMinutes(10));

        assertThat(report.report(List.of(event(SUBSCRIBED, "api_calls", 1, "b"))).accepted()).isEqualTo(1);
        assertThatThrownBy(() -> report.report(List.of(event(SUBSCRIBED, "tokens", 1, "c"))))
                .isInstanceOf(io.billingbridge.core.error.ProviderUnavailable.class);
        assertThatThrownBy(() -> report.report(List.of(event(CUSTOMER_ONLY, "api_calls", 1, "d"))))
                .isInstanceOf(io.billingbridge.core.error.ProviderUnavailable.class);
        assertThat(world.outbox.rows).hasSize(2);
    }

    @Test
    void anEventIsValidatedWhenBuilt() {
        assertThatThrownBy(() -> new UsageIdentifier("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageIdentifier("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event(SUBSCRIBED, "api_calls", -1, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event(SUBSCRIBED, "api_calls", UsageEvent.MAX_VALUE + 1, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event(SUBSCRIBED, "", 1, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new UsageIdentifier("x".repeat(100)).value()).hasSize(100);
    }
}
