package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Optional;

/**
 * How many accounts one page of a search holds: 25 unless asked, at most 100.
 *
 * @param value between 1 and {@link #MAX}
 */
public record SearchLimit(int value) {
    /** The most accounts one page holds. */
    public static final int MAX = 100;
    private static final int DEFAULT = 25;
    private static final String MESSAGE = "limit must be an integer between 1 and " + MAX;

    public SearchLimit {
        if (value < 1 || value > MAX) {
            throw new InvalidRequest("invalid_limit", MESSAGE, "limit");
        }
    }

    /**
     * The limit a request asked for in its query string, or the default when it asked for none.
     *
     * @throws InvalidRequest when the text is not a whole number from 1 to {@link #MAX}
     */
    public static SearchLimit parse(Optional<String> requested) {
        return new SearchLimit(PageLimit.parseWithin(requested, DEFAULT, MAX));
    }
}
