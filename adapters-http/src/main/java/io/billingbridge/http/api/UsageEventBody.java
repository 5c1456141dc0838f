package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One usage event as the application's backend reports it (the wire format; {@code UsageReports} reads it).
 *
 * @param value a JSON whole number from 0 to 999999999999; sent to Stripe as the decimal string its meter events take
 * @param identifier the backend's id for the event, 1 to 100 visible ASCII characters: a repeat is a duplicate here and
 *     at Stripe
 * @param timestamp when the usage happened, in Unix seconds, at most 35 days ago and 5 minutes ahead; default: now
 */
@Schema(description = "One usage event.")
public record UsageEventBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"user", "organization"})
        String ownerType,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The Clerk user or organization id.")
        String ownerId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The Stripe meter's event_name.")
        String event,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "999999999999")
        long value,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
                description = "The backend's unique id for the event; repeats are counted as duplicates.")
        String identifier,
        @Schema(description = "Unix seconds; default: when Billing Bridge receives it.") Long timestamp) {
}
