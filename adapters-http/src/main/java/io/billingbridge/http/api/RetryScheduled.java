package io.billingbridge.http.api;

import java.util.Objects;

/** The answer to an admin's retry: the event will be processed again by the worker. */
public record RetryScheduled(String source, String eventId, boolean scheduled) {
    public RetryScheduled {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
    }

    public static RetryScheduled of(String source, String eventId) {
        return new RetryScheduled(source, eventId, true);
    }
}
