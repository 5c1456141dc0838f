package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.events.EventDelivery;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists the deliveries of events to the application's endpoints for support, newest first, a page at a time. */
public final class ListAppEvents {
    private final EventOutbox outbox;
    private final AdminAudit audit;

    public ListAppEvents(EventOutbox outbox, Auditor auditor) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.audit = new AdminAudit(auditor);
    }

    /** What a listing asks for, each field as sent in the query string. */
    public record Query(Optional<String> ownerType, Optional<String> ownerId, Optional<String> type,
            Optional<String> state, Optional<String> endpoint, Optional<String> limit, Optional<String> cursor) {
        public Query {
            Objects.requireNonNull(ownerType, "ownerType");
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /**
     * One page of deliveries.
     *
     * @throws InvalidRequest for a malformed owner, an unknown type or state, a bad limit or cursor
     */
    public Page<EventDelivery> list(AdminIdentity admin, Query query) {
        if (query.ownerType().isPresent() || query.ownerId().isPresent()) {
            return audit.runForOwner(admin, query.ownerType().orElse(""), query.ownerId().orElse(""),
                    AdminAction.LIST_APP_EVENTS, owner -> page(query, Optional.of(owner)),
                    page -> "rows=" + page.items().size());
        }
        return audit.run(admin, Optional.empty(), AdminAction.LIST_APP_EVENTS, () -> page(query, Optional.empty()),
                page -> "rows=" + page.items().size());
    }

    private Page<EventDelivery> page(Query query, Optional<Owner> owner) {
        EventDelivery.Filter filter = new EventDelivery.Filter(owner, query.type().map(ListAppEvents::type),
                query.state().map(ListAppEvents::state), query.endpoint());
        int limit = PageLimit.parse(query.limit()).value();
        Optional<Long> before = PageCursor.parse(query.cursor()).map(ListAppEvents::seq);
        List<EventDelivery> rows = outbox.list(filter, before, limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<EventDelivery> shown = rows.subList(0, limit);
        EventDelivery last = shown.get(limit - 1);
        return new Page<>(shown, Optional.of(new PageCursor(last.createdAt(), Long.toString(last.seq()))));
    }

    private static EventType type(String wireName) {
        return EventType.fromWireName(wireName).orElseThrow(() -> new InvalidRequest("invalid_type",
                "type must be an event type such as billing.updated", "type"));
    }

    private static EventDelivery.State state(String wireName) {
        return EventDelivery.State.fromWireName(wireName).orElseThrow(() -> new InvalidRequest("invalid_state",
                "state must be 'pending', 'failed', 'delivered' or 'given_up'", "state"));
    }

    private static long seq(PageCursor cursor) {
        String key = cursor.key();
        if (key.length() > 18 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw PageCursor.invalid();
        }
        return Long.parseLong(key);
    }
}
