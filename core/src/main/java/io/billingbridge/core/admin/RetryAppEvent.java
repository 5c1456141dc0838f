package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventOutbox;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a given-up or failed delivery of an event to an endpoint due now, with a fresh day of retries, and wakes the
 * delivery, for support after the receiver was fixed.
 */
public final class RetryAppEvent {
    private final EventOutbox outbox;
    private final Runnable wakeDelivery;
    private final Clock clock;
    private final AdminAudit audit;

    public RetryAppEvent(EventOutbox outbox, Runnable wakeDelivery, Clock clock, Auditor auditor) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.wakeDelivery = Objects.requireNonNull(wakeDelivery, "wakeDelivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * Schedules the retry.
     *
     * @param endpoint the endpoint's URL, as the listing shows it
     * @throws InvalidRequest for a malformed event id or endpoint
     * @throws NotFound when no given-up or failed delivery has this id and endpoint
     */
    public void retry(AdminIdentity admin, String eventId, String endpoint) {
        audit.run(admin, Optional.empty(), AdminAction.RETRY_APP_EVENT, () -> {
            EventId id;
            try {
                id = new EventId(eventId == null ? "" : eventId);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("invalid_event_id", "the event id is msg_ and 1-64 letters or digits",
                        "eventId");
            }
            if (endpoint == null || endpoint.isBlank() || endpoint.length() > 2048) {
                throw new InvalidRequest("invalid_endpoint", "the endpoint must be 1-2048 characters", "endpoint");
            }
            if (!outbox.retryNow(id, endpoint, clock.instant())) {
                throw new NotFound("failed_delivery_not_found",
                        "no given-up or failed delivery has this event id and endpoint");
            }
            wakeDelivery.run();
            return id;
        }, id -> id.value());
    }
}
