package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.events.EventDelivery;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event's delivery to one of the application's endpoints: its state, attempts and last error; never the
 * endpoint's signing secret.
 *
 * @param eventId the {@code webhook-id} the receiver sees, the same on every attempt
 * @param lastErrorCode the last failed attempt's status code or error kind ({@code 500}, {@code timeout})
 * @param nextAttemptAt when it is tried next, while pending or failed
 */
public record AppEventDelivery(String eventId, String endpoint,
        @Schema(allowableValues = {"billing.updated", "checkout.completed", "payment.failed",
            "payment.action_required", "trial.will_end", "usage.rejected"}) String type,
        Owner owner, @Schema(allowableValues = {"pending", "failed", "delivered", "given_up"}) String state,
        int attempts, Optional<String> lastErrorCode, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> nextAttemptAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> deliveredAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> givenUpAt) {
    public AppEventDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(givenUpAt, "givenUpAt");
    }

    public static AppEventDelivery of(EventDelivery d) {
        return new AppEventDelivery(d.id().value(), d.endpoint(), d.type().wireName(), Owner.of(d.owner()),
                d.state().wireName(), d.attempts(), d.lastError(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(),
                d.givenUpAt());
    }
}
