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
    private static final String MESSAGE = "limit must be an integer between 1 and " + MAX;

    public PageLimit {
        if (value < 1 || value > MAX) {
            throw new InvalidRequest("invalid_limit", MESSAGE, "limit");
        }
    }

    /** The requested limit, or the default when none was asked for. */
    public static PageLimit of(Optional<Integer> requested) {
        return new PageLimit(requested.orElse(DEFAULT));
    }

    /**
     * The limit a request asked for in its query string, or the default when it asked for none.
     *
     * @throws InvalidRequest when the text is not a whole number from 1 to {@link #MAX}
     */
    public static PageLimit parse(Optional<String> requested) {
        return new PageLimit(parseWithin(requested, DEFAULT, MAX));
    }

    /**
     * A limit from a query string: {@code fallback} when absent, else a whole number from 1 to {@code max}.
     *
     * @throws InvalidRequest {@code invalid_limit} otherwise
     */
    static int parseWithin(Optional<String> requested, int fallback, int max) {
        if (requested.isEmpty()) {
            return fallback;
        }
        String text = requested.get();
        int digits = String.valueOf(max).length() + 1;
        int value = text.isEmpty() || text.length() > digits || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                ? 0 : Integer.parseInt(text);
        if (value < 1 || value > max) {
            throw new InvalidRequest("invalid_limit", "limit must be an integer between 1 and " + max, "limit");
        }
        return value;
    }
}
