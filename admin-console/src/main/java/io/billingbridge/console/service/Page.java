package io.billingbridge.console.service;

import java.util.List;

/**
 * One page of a list answer; {@code nextCursor} asks for the next page when {@code hasMore}.
 *
 * @param nextCursor opaque; null on the last page
 */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {
    public Page {
        data = data == null ? List.of() : List.copyOf(data);
        if (hasMore && nextCursor == null) {
            throw new IllegalArgumentException("a page with more after it needs a nextCursor");
        }
    }
}
