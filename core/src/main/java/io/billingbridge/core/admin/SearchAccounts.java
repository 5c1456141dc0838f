package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds accounts for support by owner id, customer id, email or name: exact matches first, then prefixes, then
 * substrings, each account once, a page at a time.
 *
 * <p>The audit detail is the number of hits only: the search text may be an email.
 */
public final class SearchAccounts {
    private final AccountSearch search;
    private final AdminAudit audit;

    public SearchAccounts(AccountSearch search, Auditor auditor) {
        this.search = Objects.requireNonNull(search, "search");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * One page of the accounts matching {@code q}.
     *
     * @param q the query string's search text; absent or blank lists every account
     * @param limit the query string's page size, as sent: 1 to 100, 25 when absent
     * @param cursor the {@code nextCursor} of the previous page of the same search; absent or empty for the first
     * @throws InvalidRequest for a search text over 200 characters, a bad limit or a cursor this search did not return
     */
    public AccountSearchPage search(AdminIdentity admin, Optional<String> q, Optional<String> limit,
            Optional<String> cursor) {
        return audit.run(admin, Optional.empty(), AdminAction.SEARCH_ACCOUNTS, () -> {
            SearchTerm term = SearchTerm.parse(q);
            SearchLimit size = SearchLimit.parse(limit);
            Optional<SearchCursor> from = cursor.filter(c -> !c.isEmpty()).map(c -> SearchCursor.decode(c, term));
            return page(term, size.value(), from);
        }, page -> "hits=" + page.hits().size());
    }

    /** Walks the tiers from the cursor's, asking each for what the page still needs plus one to know if more follow. */
    private AccountSearchPage page(SearchTerm term, int size, Optional<SearchCursor> from) {
        List<MatchTier> tiers = term.tiers();
        int start = from.map(c -> tiers.indexOf(c.tier())).orElse(0);
        List<AccountHit> hits = new ArrayList<>();
        for (int i = start; i < tiers.size() && hits.size() <= size; i++) {
            MatchTier tier = tiers.get(i);
            hits.addAll(search.find(term, tier, from.filter(c -> c.tier() == tier).map(SearchCursor::after),
                    size + 1 - hits.size()));
        }
        if (hits.size() <= size) {
            return new AccountSearchPage(hits, Optional.empty());
        }
        List<AccountHit> shown = hits.subList(0, size);
        AccountHit last = shown.get(size - 1);
        return new AccountSearchPage(shown, Optional.of(new SearchCursor(last.match(), last.owner()).encode(term)));
    }
}
