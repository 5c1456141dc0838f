package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/** What went wrong: a broad type, a stable code to branch on, and a message for people. */
public record ErrorDetail(
        @Schema(allowableValues = {"invalid_request_error", "authentication_error", "permission_error",
            "rate_limit_error", "api_error", "card_error"}) String type,
        String code, String message) {
    public ErrorDetail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
