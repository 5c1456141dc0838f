package io.billingbridge.core.events;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One event's delivery to one endpoint, as support sees it: its state, attempts and last error; never the payload's
 * signature or the endpoint's secret.
 *
 * @param seq the outbox's order of recording, newest highest
 * @param lastError the last failed attempt's status code or error kind ({@code 500}, {@code timeout})
 * @param nextAttemptAt when it is tried next, while it is neither delivered nor given up
 */
public record EventDelivery(long seq, EventId id, String endpoint, EventType type, Owner owner, State state,
        int attempts, Optional<String> lastError, Instant createdAt, Optional<Instant> nextAttemptAt,
        Optional<Instant> deliveredAt, Optional<Instant> givenUpAt) {
    public EventDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(givenUpAt, "givenUpAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }

    /** Where a delivery stands. */
    public enum State {
        /** Not attempted yet. */
        PENDING("pending"),
        /** Attempted and refused or unanswered; retried later. */
        FAILED("failed"),
        /** The receiver accepted it. */
        DELIVERED("delivered"),
        /** Retried for a day without success; support may retry it. */
        GIVEN_UP("given_up");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the admin API, e.g. {@code given_up}. */
        public String wireName() {
            return wireName;
        }

        /** The state with this wire name, if there is one. */
        public static Optional<State> fromWireName(String name) {
            return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
        }
    }

    /** Which deliveries a listing shows; an empty field matches all. */
    public record Filter(Optional<Owner> owner, Optional<EventType> type, Optional<State> state,
            Optional<String> endpoint) {
        public Filter {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        /** Every delivery. */
        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
