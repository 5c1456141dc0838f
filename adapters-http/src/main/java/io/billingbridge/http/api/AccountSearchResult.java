package io.billingbridge.http.api;

import io.billingbridge.core.admin.AccountSearchPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an account search: {@code {"object": "list", "data": [...], "hasMore", "nextCursor"}}.
 *
 * @param nextCursor pass as {@code cursor} with the same {@code q} for the next page; null on the last page
 */
public record AccountSearchResult(@Schema(allowableValues = "list") String object, List<AccountSearchHit> data,
        boolean hasMore, Optional<String> nextCursor) {
    public AccountSearchResult {
        object = ListObject.check(object);
        data = List.copyOf(data);
        Objects.requireNonNull(nextCursor, "nextCursor");
        if (hasMore != nextCursor.isPresent()) {
            throw new IllegalArgumentException("a page has a next cursor exactly when more follow");
        }
    }

    public static AccountSearchResult of(AccountSearchPage page) {
        return new AccountSearchResult(ListObject.LIST, page.hits().stream().map(AccountSearchHit::of).toList(),
                page.hasMore(), page.next());
    }
}
