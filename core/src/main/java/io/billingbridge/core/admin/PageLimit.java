package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Optional;

/**
 * How many rows an admin listing returns: 50 unless asked, at most 500.
 *
 * @param value between 1 and {@link #MAX}
 */
public record PageLimit(int value) {
    /** The most rows one listing returns. */
    public static final int MAX = 500;
    private static final int DEFAULT = 50;

    public PageLimit {
        if (value < 1 || value > MAX) {
            throw new InvalidRequest("invalid_limit", "limit must be between 1 and " + MAX, "limit");
        }
    }

    /** The requested limit, or the default when none was asked for. */
    public static PageLimit of(Optional<Integer> requested) {
        return new PageLimit(requested.orElse(DEFAULT));
    }
}
