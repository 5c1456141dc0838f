package io.billingbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessState;
import io.billingbridge.core.snapshot.AccessStateSettings;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.DefaultPlan;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.InMemoryEventOutbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordBillingEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final AccessStates STATES = new AccessStates(new AccessStateSettings(Duration.ofDays(3), false,
            false, new DefaultPlan(Optional.of("Free"), List.of("basic_export"))));
    private static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final EventEndpoint SUBSCRIBED = new EventEndpoint(URI.create("https://app.test/events"), SECRET,
            Set.of(EventType.BILLING_UPDATED));

    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox();
    private final AtomicInteger wakes = new AtomicInteger();
    private final RecordBillingEvents listener = new RecordBillingEvents(outbox, List.of(SUBSCRIBED), STATES,
            Clock.fixed(NOW, ZoneOffset.UTC), wakes::incrementAndGet);

    private static BillingSnapshot snapshot(String status, List<EntitlementView> entitlements) {
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_1", Optional.of("team_monthly"), "prod_1",
                "Team", 3, Optional.empty(), Optional.of("month"), Optional.empty(), Optional.empty(), Optional.empty());
        List<SubscriptionView> subscriptions = status == null ? List.of()
                : List.of(new SubscriptionView("sub_1", status, List.of(item), false, Optional.empty(),
                        Optional.empty(), NOW));
        return new BillingSnapshot(new CustomerId("cus_1"), subscriptions, List.of(), List.of(), List.of(),
                entitlements, NOW);
    }

    @Test
    void recordsThePlanStateAndEntitlementsTheAccessStateGrants() {
        listener.snapshotChanged(Owner.organization("org_acme"), snapshot("active",
                List.of(new EntitlementView("feat_2", "teams"), new EntitlementView("feat_1", "dashboard"))));

        assertThat(outbox.summaries.get("organization:org_acme"))
                .isEqualTo(new PlanSummary(Optional.of("Team"), AccessState.State.ACTIVE, List.of("dashboard", "teams")));
        assertThat(outbox.rows).singleElement().satisfies(row -> assertThat(row.endpoint).isEqualTo(SUBSCRIBED.key()));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void recordsNothingWhenThePlanLevelViewIsUnchanged() {
        Owner owner = Owner.user("user_1");
        listener.snapshotChanged(owner, snapshot("active", List.of()));
        listener.snapshotChanged(owner, snapshot("active", List.of()));

        assertThat(outbox.rows).hasSize(1);
        assertThat(wakes).hasValue(1);
        listener.snapshotChanged(owner, snapshot(null, List.of()));
        assertThat(outbox.rows).hasSize(2);
        assertThat(outbox.summaries.get("user:user_1").state()).isEqualTo(AccessState.State.NONE);
        assertThat(outbox.summaries.get("user:user_1").plan()).contains("Free");
    }

    @Test
    void withoutASubscribedEndpointRecordsNothing() {
        RecordBillingEvents none = new RecordBillingEvents(outbox, List.of(), STATES, Clock.fixed(NOW, ZoneOffset.UTC),
                wakes::incrementAndGet);

        none.snapshotChanged(Owner.user("user_1"), snapshot("active", List.of()));

        assertThat(none.anySubscriber()).isFalse();
        assertThat(outbox.rows).isEmpty();
        assertThat(outbox.summaries).isEmpty();
    }
}
