package io.billingbridge.sandbox.clerk;

import java.time.Duration;
import java.util.Optional;

/** Failures injected into the next Backend API requests: how many are left, their status and Retry-After. */
final class DevFailures {

    /** One injected failure, to answer instead of the request. */
    record Failure(int status, Optional<Duration> retryAfter) {
    }

    private int remaining;
    private int status = 500;
    private Optional<Duration> retryAfter = Optional.empty();

    /** The next {@code count} requests fail with {@code failStatus} (4xx or 5xx), replacing any earlier plan. */
    synchronized void inject(int count, int failStatus, Optional<Duration> failRetryAfter) {
        if (failStatus < 400 || failStatus > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx");
        }
        this.remaining = count;
        this.status = failStatus;
        this.retryAfter = failRetryAfter;
    }

    /** Takes the next planned failure, if any is left. */
    synchronized Optional<Failure> take() {
        if (remaining <= 0) {
            return Optional.empty();
        }
        remaining--;
        return Optional.of(new Failure(status, retryAfter));
    }

    /** The Clerk error answer for a failure: {@code too_many_requests} for 429, else an internal error. */
    static DevResponse response(Failure failure, String traceId) {
        boolean limited = failure.status() == 429;
        DevResponse response = DevResponse.error(failure.status(), limited ? "too_many_requests"
                : "internal_clerk_error", limited ? "Too many requests" : "injected failure", traceId);
        return failure.retryAfter().map(d -> response.withHeader("Retry-After", Long.toString(d.toSeconds())))
                .orElse(response);
    }
}
