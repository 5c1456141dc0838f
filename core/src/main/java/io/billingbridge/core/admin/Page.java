package io.billingbridge.core.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a newest-first listing.
 *
 * @param next where the following page starts; empty on the last page
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return next.isPresent();
    }
}
