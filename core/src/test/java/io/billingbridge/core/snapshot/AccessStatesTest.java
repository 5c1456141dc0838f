package io.billingbridge.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.snapshot.AccessState.ActionType;
import io.billingbridge.core.snapshot.AccessState.State;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessStatesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final DefaultPlan FREE = new DefaultPlan(Optional.of("Free"), List.of("export_csv"));
    private final AccessStates states = new AccessStates(new AccessStateSettings(Duration.ofDays(7), false, false,
            FREE));

    private static SubscriptionView subscription(String status, Optional<LatestInvoiceView> invoice) {
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_pro", Optional.of("pro_monthly"),
                "prod_pro", "Pro", 1, Optional.empty(), Optional.of("month"), Optional.of(NOW.minus(Duration.ofDays(20))),
                Optional.of(NOW.plus(Duration.ofDays(10))), Optional.empty());
        return new SubscriptionView("sub_1", status, List.of(item), false, Optional.empty(), Optional.empty(),
                NOW.minus(Duration.ofDays(50)), item.currentPeriodStart(), item.currentPeriodEnd(), Optional.empty(),
                Optional.empty(), invoice, Optional.empty());
    }

    private static Optional<LatestInvoiceView> openInvoiceDue(Instant dueSince) {
        return Optional.of(new LatestInvoiceView("in_1", "open", new Money(1500, "usd"),
                Optional.of(URI.create("https://pay.example/in_1")), Optional.empty(), Optional.of(dueSince)));
    }

    @Test
    void activeAndTrialingGrantThePlanByProductName() {
        assertThat(states.of(List.of(subscription("active", Optional.empty())), NOW))
                .isEqualTo(new AccessState(Optional.of("Pro"), State.ACTIVE, Optional.empty(), Optional.empty()));
        assertThat(states.of(List.of(subscription("trialing", Optional.empty())), NOW).state()).isEqualTo(State.TRIALING);
    }

    @Test
    void pastDueKeepsAccessUntilTheGraceAfterTheInvoiceBecameDueThenLocks() {
        AccessState grace = states.of(List.of(subscription("past_due", openInvoiceDue(NOW.minus(Duration.ofDays(6))))),
                NOW);
        assertThat(grace.state()).isEqualTo(State.GRACE);
        assertThat(grace.graceEndsAt()).contains(NOW.plus(Duration.ofDays(1)));
        assertThat(grace.action()).hasValueSatisfying(a -> assertThat(a.type()).isEqualTo(ActionType.UPDATE_PAYMENT_METHOD));

        AccessState locked = states.of(List.of(subscription("past_due", openInvoiceDue(NOW.minus(Duration.ofDays(7))))),
                NOW);
        assertThat(locked.state()).isEqualTo(State.LOCKED);
        assertThat(locked.plan()).contains("Pro");
        assertThat(locked.action()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo(ActionType.PAY_INVOICE);
            assertThat(a.url()).contains(URI.create("https://pay.example/in_1"));
        });
        assertThat(states.entitlements(locked, List.of(new EntitlementView("feat_pro", "pro_reports"))))
                .extracting(EntitlementView::lookupKey).containsExactly("export_csv");
    }

    @Test
    void withoutAnInvoiceTheGraceRunsFromTheStartOfThePeriod() {
        assertThat(states.of(List.of(subscription("past_due", Optional.empty())), NOW).state()).isEqualTo(State.LOCKED);
        AccessStates long_ = new AccessStates(new AccessStateSettings(Duration.ofDays(30), false, false, FREE));
        assertThat(long_.of(List.of(subscription("past_due", Optional.empty())), NOW).graceEndsAt())
                .contains(NOW.plus(Duration.ofDays(10)));
    }

    @Test
    void incompleteAndPausedGrantAccessOnlyWhenConfigured() {
        assertThat(states.of(List.of(subscription("paused", Optional.empty())), NOW).state()).isEqualTo(State.LOCKED);
        assertThat(states.of(List.of(subscription("incomplete", openInvoiceDue(NOW))), NOW).state())
                .isEqualTo(State.LOCKED);
        AccessStates lenient = new AccessStates(new AccessStateSettings(Duration.ofDays(7), true, true, FREE));
        AccessState paused = lenient.of(List.of(subscription("paused", Optional.empty())), NOW);
        assertThat(paused.state()).isEqualTo(State.GRACE);
        assertThat(paused.graceEndsAt()).isEmpty();
        SubscriptionView fresh = new SubscriptionView("sub_2", "incomplete", List.of(), false, Optional.empty(),
                Optional.empty(), NOW.minus(Duration.ofHours(1)));
        assertThat(lenient.of(List.of(fresh), NOW).graceEndsAt()).contains(NOW.plus(Duration.ofHours(22)));
    }

    @Test
    void noLiveSubscriptionMeansTheDefaultPlanAndItsEntitlements() {
        AccessState none = states.of(List.of(subscription("canceled", Optional.empty())), NOW);
        assertThat(none).isEqualTo(new AccessState(Optional.of("Free"), State.NONE, Optional.empty(), Optional.empty()));
        assertThat(states.entitlements(none, List.of())).extracting(EntitlementView::lookupKey)
                .containsExactly("export_csv");
        AccessStates noFreePlan = new AccessStates(new AccessStateSettings(Duration.ofDays(7), false, false,
                new DefaultPlan(Optional.empty(), List.of())));
        assertThat(noFreePlan.of(List.of(), NOW).plan()).isEmpty();
    }

    @Test
    void theBestSubscriptionWinsAndCallersWithoutDetailsGetNoUrl() {
        AccessState best = states.of(List.of(subscription("past_due", openInvoiceDue(NOW.minus(Duration.ofDays(30)))),
                subscription("active", Optional.empty())), NOW);
        assertThat(best.state()).isEqualTo(State.ACTIVE);
        AccessState locked = states.of(List.of(subscription("unpaid", openInvoiceDue(NOW))), NOW);
        assertThat(locked.withoutUrls().action()).hasValueSatisfying(a -> assertThat(a.url()).isEmpty());
    }
}
