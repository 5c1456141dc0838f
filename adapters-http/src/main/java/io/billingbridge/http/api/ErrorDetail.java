package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import java.util.Optional;

/** What went wrong: a broad type, a stable code to branch on, and a message for people. */
public record ErrorDetail(
        @Schema(allowableValues = {"invalid_request_error", "authentication_error", "permission_error",
            "rate_limit_error", "api_error", "card_error"}) String type,
        String code, String message,
        @Schema(description = "Only on 409 already_subscribed: the caller's own subscription (sub_...) in the same"
                + " product group, to change instead of buying a second one.")
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> subscription) {
    public ErrorDetail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(subscription, "subscription");
    }

    /** An error about no particular subscription. */
    public ErrorDetail(String type, String code, String message) {
        this(type, code, message, Optional.empty());
    }
}
