package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One event's delivery to one of the application's endpoints, as the server lists it.
 *
 * @param state {@code pending}, {@code failed}, {@code delivered} or {@code given_up}
 * @param lastErrorCode the last failed attempt's status or error kind; null when none failed
 * @param nextAttemptAt null once delivered or given up
 */
public record AppEventDelivery(String eventId, String endpoint, String type, Owner owner, String state, int attempts,
        String lastErrorCode, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, Instant givenUpAt) {
    public AppEventDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }

    /** Whether support may deliver it again now: it failed or was given up. */
    public boolean retryable() {
        return state.equals("failed") || state.equals("given_up");
    }
}
