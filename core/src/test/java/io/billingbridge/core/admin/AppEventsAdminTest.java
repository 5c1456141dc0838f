package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditOutcome;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.events.AppEvent;
import io.billingbridge.core.events.EventDelivery;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemoryEventOutbox;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Listing and retrying the deliveries of events to the application, with scopes and audit. */
class AppEventsAdminTest {
    private static final String A = "https://a.app.test/events";
    private final BillingWorld world = new BillingWorld();
    private final AdminIdentity reader = new AdminIdentity("support-read", Set.of(AdminScope.READ));
    private final AdminIdentity writer = new AdminIdentity("support-write", Set.of(AdminScope.READ, AdminScope.WRITE));
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox();
    private final AtomicInteger wakes = new AtomicInteger();
    private final ListAppEvents list = new ListAppEvents(outbox, world.auditor);
    private final RetryAppEvent retry = new RetryAppEvent(outbox, wakes::incrementAndGet, world.clock, world.auditor);

    private static ListAppEvents.Query query(String ownerType, String ownerId, String type, String state,
            String limit, String cursor) {
        return new ListAppEvents.Query(Optional.ofNullable(ownerType), Optional.ofNullable(ownerId),
                Optional.ofNullable(type), Optional.ofNullable(state), Optional.empty(), Optional.ofNullable(limit),
                Optional.ofNullable(cursor));
    }

    private AppEvent.UsageRejected rejected(Owner owner, String identifier) {
        AppEvent.UsageRejected event = new AppEvent.UsageRejected(owner, identifier, "api_calls", 1, "no_customer");
        outbox.record(event, List.of(A), world.clock.instant());
        return event;
    }

    @Test
    void aReadTokenListsPageByPageFilteredByOwnerAndTheListingIsAudited() {
        for (int i = 0; i < 3; i++) {
            rejected(Owner.user("user_alice"), "req_" + i);
        }
        rejected(Owner.user("user_bob"), "req_b");

        Page<EventDelivery> first = list.list(reader, query("user", "user_alice", null, null, "2", null));
        Page<EventDelivery> second = list.list(reader, query("user", "user_alice", null, null, "2",
                first.next().orElseThrow().encode()));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.hasMore()).isFalse();
        assertThat(List.of(first.items(), second.items()).stream().flatMap(List::stream).map(EventDelivery::owner))
                .containsOnly(Owner.user("user_alice"));
        assertThat(list.list(reader, query(null, null, "usage.rejected", "pending", null, null)).items()).hasSize(4);
        assertThat(world.audit.entries).extracting(AuditEntry::action).containsOnly("admin.app_events.list");
        assertThat(world.audit.entries.get(0).owner()).contains("user:user_alice");
    }

    @Test
    void unknownFiltersAreRefusedByName() {
        assertThatThrownBy(() -> list.list(reader, query(null, null, "invoice.paid", null, null, null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_type"));
        assertThatThrownBy(() -> list.list(reader, query(null, null, null, "lost", null, null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_state"));
        assertThatThrownBy(() -> list.list(reader, query("team", "x", null, null, null, null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_owner"));
        assertThatThrownBy(() -> list.list(reader, query(null, null, null, null, null,
                new PageCursor(world.clock.instant(), "not-a-seq").encode())))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
    }

    @Test
    void retryNeedsTheWriteScopeAndMakesAGivenUpDeliveryDueNow() {
        AppEvent.UsageRejected event = rejected(Owner.user("user_alice"), "req_1");
        outbox.markGivenUp(event.id(), A, world.clock.instant(), "500");

        assertThatThrownBy(() -> retry.retry(reader, event.id().value(), A)).isInstanceOf(AccessDenied.class);
        assertThat(outbox.row(event.id(), A).givenUpAt).isNotNull();

        retry.retry(writer, event.id().value(), A);

        assertThat(outbox.row(event.id(), A).givenUpAt).isNull();
        assertThat(outbox.row(event.id(), A).nextAttemptAt).isEqualTo(world.clock.instant());
        assertThat(wakes).hasValue(1);
        assertThat(world.audit.entries).extracting(AuditEntry::action, AuditEntry::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin.app_events.retry", AuditOutcome.DENIED.wireName()),
                org.assertj.core.groups.Tuple.tuple("admin.app_events.retry", AuditOutcome.ALLOWED.wireName()));
        assertThat(list.list(reader, query(null, null, EventType.USAGE_REJECTED.wireName(), "failed", null, null))
                .items()).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    void retryingADeliveryThatIsNotFailedOrAMalformedIdIsRefused() {
        AppEvent.UsageRejected event = rejected(Owner.user("user_alice"), "req_1");

        assertThatThrownBy(() -> retry.retry(writer, event.id().value(), A)).as("never attempted")
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> retry.retry(writer, "evt_1", A)).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.code()).isEqualTo("invalid_event_id"));
        assertThat(wakes).hasValue(0);
    }
}
