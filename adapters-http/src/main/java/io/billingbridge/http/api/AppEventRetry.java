package io.billingbridge.http.api;

import java.util.Objects;

/** The answer to an admin's retry of an event's delivery: it is due now. */
public record AppEventRetry(String eventId, String endpoint, boolean scheduled) {
    public AppEventRetry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public static AppEventRetry of(String eventId, String endpoint) {
        return new AppEventRetry(eventId, endpoint, true);
    }
}
