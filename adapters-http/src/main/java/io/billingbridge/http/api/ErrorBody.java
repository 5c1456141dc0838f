package io.billingbridge.http.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The one error shape of the API: {@code {"error": {"type", "code", "message"}}}.
 *
 * <p>The message is written for the caller and never carries internals (stack traces, SQL, keys, vendor text).
 */
public record ErrorBody(ErrorDetail error) {
    public ErrorBody {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorBody of(String type, String code, String message) {
        return new ErrorBody(new ErrorDetail(type, code, message));
    }

    /** An error that names one of the caller's own subscriptions ({@code already_subscribed}). */
    public static ErrorBody of(String type, String code, String message, Optional<String> subscription) {
        return new ErrorBody(new ErrorDetail(type, code, message, subscription));
    }
}
