package io.billingbridge.console.service;

import java.util.Objects;

/** The server's answer to a retry: the event will be processed again by the worker. */
public record RetryScheduled(String source, String eventId, boolean scheduled) {
    public RetryScheduled {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
    }
}
