package io.billingbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.InMemoryEventOutbox;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppEventsTest {
    private static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final EventEndpoint USAGE = new EventEndpoint(URI.create("https://app.test/usage"), SECRET,
            Set.of(EventType.USAGE_REJECTED));
    private static final EventEndpoint PLANS = new EventEndpoint(URI.create("https://app.test/plans"), SECRET,
            Set.of(EventType.BILLING_UPDATED));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox();
    private final AtomicInteger wakes = new AtomicInteger();
    private final AppEvents events = new AppEvents(outbox, List.of(USAGE, PLANS), CLOCK, wakes::incrementAndGet);

    @Test
    void rejectedUsageIsRecordedOnceForTheEndpointsSubscribedToIt() {
        assertThat(events.usageRejected(Owner.user("user_alice"), "req_1", "api_calls", 3, "no_metered_subscription"))
                .isTrue();
        assertThat(events.usageRejected(Owner.user("user_alice"), "req_1", "api_calls", 3, "no_metered_subscription"))
                .as("the forwarder reporting it again").isFalse();

        assertThat(outbox.rowsFor(USAGE.key())).singleElement().satisfies(row -> {
            assertThat(row.type).isEqualTo(EventType.USAGE_REJECTED);
            assertThat(row.ownerKey).isEqualTo("user:user_alice");
            assertThat(row.createdAt).isEqualTo(CLOCK.instant());
        });
        assertThat(outbox.rowsFor(PLANS.key())).isEmpty();
        assertThat(wakes).hasValue(1);
    }

    @Test
    void anotherIdentifierOrOwnerIsAnotherEvent() {
        events.usageRejected(Owner.user("user_alice"), "req_1", "api_calls", 3, "no_customer");
        events.usageRejected(Owner.user("user_alice"), "req_2", "api_calls", 3, "no_customer");
        events.usageRejected(Owner.organization("org_acme"), "req_1", "api_calls", 3, "no_customer");

        assertThat(outbox.rowsFor(USAGE.key())).extracting(row -> row.id).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void withoutASubscribedEndpointNothingIsRecorded() {
        AppEvents plansOnly = new AppEvents(outbox, List.of(PLANS), CLOCK, wakes::incrementAndGet);

        assertThat(plansOnly.anySubscriber(EventType.USAGE_REJECTED)).isFalse();
        assertThat(plansOnly.usageRejected(Owner.user("user_alice"), "req_1", "api_calls", 3, "no_customer"))
                .isFalse();
        assertThat(outbox.rows).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    @Test
    void aMalformedRejectionIsRefusedBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> events.usageRejected(Owner.user("user_alice"), "", "api_calls", 1, "no_customer"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.usageRejected(Owner.user("user_alice"), "req_1", "api_calls", 1,
                "Not A Code")).isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.rows).isEmpty();
    }

    @Test
    void derivedIdsAreStableValidAndDifferBySource() {
        EventId one = EventId.derived("checkout.completed|user:user_alice|cs_1");

        assertThat(EventId.derived("checkout.completed|user:user_alice|cs_1")).isEqualTo(one);
        assertThat(EventId.derived("checkout.completed|user:user_alice|cs_2")).isNotEqualTo(one);
        assertThat(one.value()).matches("msg_[A-Za-z0-9]{27}");
    }
}
