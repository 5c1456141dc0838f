package io.billingbridge.console.service;

import java.util.Optional;

/**
 * A call to the admin API that did not succeed: the server's error, or no answer at all.
 *
 * <p>The message is the server's message for people (or a sentence of ours when there was no answer); it never
 * holds the token, a stack trace or a response body.
 */
public final class AdminApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The status used when no HTTP answer arrived (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String code;
    private final String requestId;

    public AdminApiException(int status, String code, String message, String requestId) {
        super(message);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The server's stable error code ({@code admin_scope_required}), or ours ({@code timeout}, {@code unreachable}). */
    public String code() {
        return code;
    }

    /** The server's Request-Id header, to quote when asking the server's operators. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether the server refused the token itself (it is unknown, revoked or malformed). */
    public boolean unauthorized() {
        return status == 401;
    }

    /** The message and, when there is one, the Request-Id: what the console shows. */
    public String forPeople() {
        return requestId == null ? getMessage() : getMessage() + " (Request-Id: " + requestId + ")";
    }
}
