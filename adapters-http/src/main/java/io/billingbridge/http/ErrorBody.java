package io.billingbridge.http;

/**
 * The one error shape of the API: {@code {"error": {"type", "code", "message"}}}.
 *
 * <p>The message is written for the caller and never carries internals (stack traces, SQL, keys, vendor text).
 */
public record ErrorBody(Detail error) {

    /** What went wrong: a broad type, a stable code, a human message. */
    public record Detail(String type, String code, String message) {
    }

    public static ErrorBody of(String type, String code, String message) {
        return new ErrorBody(new Detail(type, code, message));
    }
}
