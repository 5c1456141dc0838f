package io.billingbridge.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a recorded event stands in the newest-first order of receipt: by time, then source, then event id.
 *
 * @param receivedAt as stored (microseconds)
 */
public record EventPosition(Instant receivedAt, WebhookSource source, String eventId) {
    public EventPosition {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** The position of a listed event. */
    public static EventPosition of(WebhookEventRecord event) {
        return new EventPosition(event.receivedAt(), event.source(), event.eventId());
    }
}
