package io.billingbridge.console.service;

import java.util.Objects;

/** The server's answer to a retry of an event's delivery: it is due now. */
public record AppEventRetry(String eventId, String endpoint, boolean scheduled) {
    public AppEventRetry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
