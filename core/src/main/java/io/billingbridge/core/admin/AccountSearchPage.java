package io.billingbridge.core.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an account search, in tier order, then owner type, then owner id.
 *
 * @param next the opaque cursor of the next page; empty on the last page
 */
public record AccountSearchPage(List<AccountHit> hits, Optional<String> next) {
    public AccountSearchPage {
        hits = List.copyOf(hits);
        Objects.requireNonNull(next, "next");
    }

    /** Whether more accounts follow this page. */
    public boolean hasMore() {
        return next.isPresent();
    }
}
