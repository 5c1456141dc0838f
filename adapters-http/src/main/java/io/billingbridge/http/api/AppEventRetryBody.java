package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /admin/v1/app-events/{eventId}/retry}.
 *
 * @param endpoint the endpoint whose delivery is retried, as the listing shows it
 */
public record AppEventRetryBody(
        @Schema(description = "The endpoint's URL, as the listing shows it.",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "https://app.example.com/billing-events")
        String endpoint) {
}
