package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.RecordingAuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tier walk and the cursor, against an in-memory search that matches the way the contract says. */
class SearchAccountsTest {
    private final RecordingAuditLog log = new RecordingAuditLog();
    private final Auditor auditor =
            new Auditor(log, Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), ZoneOffset.UTC));
    private final AdminIdentity admin = new AdminIdentity("support", Set.of(AdminScope.READ));
    private final InMemorySearch accounts = new InMemorySearch();
    private final SearchAccounts search = new SearchAccounts(accounts, auditor);

    /** An account as the fake stores it: the email in full, masked only in the hit. */
    private record Stored(Owner owner, String customer, String name, String email) {
    }

    /** Matches as the contract words it; a reference for the SQL, not a fast one. */
    private static final class InMemorySearch implements AccountSearch {
        final List<Stored> rows = new ArrayList<>();
        final List<MatchTier> asked = new ArrayList<>();

        @Override
        public List<AccountHit> find(SearchTerm term, MatchTier tier, Optional<Owner> after, int limit) {
            asked.add(tier);
            Comparator<Owner> order = Comparator.comparing((Owner o) -> o.type().wireName()).thenComparing(Owner::id);
            return rows.stream()
                    .filter(r -> best(term, r).filter(tier::equals).isPresent())
                    .filter(r -> after.map(a -> order.compare(r.owner(), a) > 0).orElse(true))
                    .sorted(Comparator.comparing(Stored::owner, order))
                    .limit(limit)
                    .map(r -> new AccountHit(r.owner(), Optional.ofNullable(r.customer()).map(CustomerId::new),
                            Optional.ofNullable(r.name()), MaskedEmail.of(r.email()), List.of(), SyncState.ACTIVE,
                            Optional.empty(), false, tier))
                    .toList();
        }

        private static Optional<MatchTier> best(SearchTerm term, Stored r) {
            String q = term.text().toLowerCase(Locale.ROOT);
            List<String> ids = new ArrayList<>(List.of(r.owner().id()));
            Optional.ofNullable(r.customer()).ifPresent(ids::add);
            String name = Optional.ofNullable(r.name()).orElse("").toLowerCase(Locale.ROOT);
            String email = Optional.ofNullable(r.email()).orElse("").toLowerCase(Locale.ROOT);
            if (!term.isEmpty() && (ids.contains(term.text()) || email.equals(q))) {
                return Optional.of(MatchTier.EXACT);
            }
            if (ids.stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).startsWith(q)) || name.startsWith(q)
                    || email.startsWith(q)) {
                return Optional.of(MatchTier.PREFIX);
            }
            if (term.tiers().contains(MatchTier.CONTAINS) && (name.contains(q) || email.contains(q))) {
                return Optional.of(MatchTier.CONTAINS);
            }
            return Optional.empty();
        }
    }

    private void add(Owner owner, String customer, String name, String email) {
        accounts.rows.add(new Stored(owner, customer, name, email));
    }

    private List<String> allPages(String q, int limit) {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AccountSearchPage page = search.search(admin, Optional.of(q), Optional.of(Integer.toString(limit)), cursor);
            assertThat(page.hits()).hasSizeLessThanOrEqualTo(limit);
            page.hits().forEach(h -> seen.add(h.match().wireName() + " " + h.owner().key()));
            cursor = page.next();
        } while (cursor.isPresent());
        return seen;
    }

    @Test
    void tiersComeBestFirstEachAccountOnceAndPagesNeitherRepeatNorSkip() {
        add(Owner.user("user_ann"), "cus_ann", "Ann Example", "ann@example.com");
        add(Owner.user("user_annabel"), null, "Annabel Lee", "lee@example.com");
        add(Owner.organization("org_joanna"), "cus_joanna", "Joanna Ltd", "billing@joanna.test");
        add(Owner.user("user_zed"), "cus_zed", "Zed Hanna", "zed@example.com");
        add(Owner.user("user_bob"), "cus_bob", "Bob", "bob@example.com");
        add(Owner.organization("org_x"), "cus_x", "Annex Corp", null);

        List<String> expected = List.of("prefix organization:org_x", "prefix user:user_ann",
                "prefix user:user_annabel", "contains organization:org_joanna", "contains user:user_zed");
        assertThat(allPages("Ann", 25)).containsExactlyElementsOf(expected);
        for (int limit = 1; limit <= 5; limit++) {
            assertThat(allPages("Ann", limit)).as("pages of %d", limit).containsExactlyElementsOf(expected);
        }
        assertThat(allPages("ann@example.com", 1)).containsExactly("exact user:user_ann");
        assertThat(allPages("user_ann", 1)).containsExactly("exact user:user_ann", "prefix user:user_annabel");
        assertThat(allPages("", 2)).hasSize(6).allMatch(h -> h.startsWith("prefix "));
    }

    @Test
    void shortTextSkipsTheContainsTierAndAFullPageStopsAskingFurtherTiers() {
        add(Owner.user("user_al"), null, "Al", null);
        add(Owner.user("user_hal"), null, "Hal", null);
        assertThat(allPages("al", 10)).containsExactly("prefix user:user_al");

        accounts.asked.clear();
        AccountSearchPage page = search.search(admin, Optional.of("user_"), Optional.of("1"), Optional.empty());
        assertThat(page.hasMore()).isTrue();
        assertThat(accounts.asked).containsExactly(MatchTier.EXACT, MatchTier.PREFIX);
    }

    @Test
    void theLastPageHasNoCursorAndAnExactlyFullPageIsTheLast() {
        IntStream.range(0, 4).forEach(i -> add(Owner.user("user_" + i), null, "Name " + i, null));
        AccountSearchPage first = search.search(admin, Optional.of("user"), Optional.of("2"), Optional.empty());
        assertThat(first.hasMore()).isTrue();
        AccountSearchPage second = search.search(admin, Optional.of("user"), Optional.of("2"), first.next());
        assertThat(second.hits()).extracting(h -> h.owner().id()).containsExactly("user_2", "user_3");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void theSearchIsAuditedWithTheNumberOfHitsAndNeverTheText() {
        add(Owner.user("user_ann"), "cus_ann", "Ann Example", "ann@example.com");
        search.search(admin, Optional.of("ann@example.com"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> search.search(admin, Optional.of("ann@example.com"), Optional.of("0"),
                Optional.empty())).isInstanceOf(InvalidRequest.class);

        assertThat(log.entries).extracting(AuditEntry::action).containsOnly("admin.accounts.search");
        assertThat(log.entries).extracting(AuditEntry::outcome).containsExactly("allowed", "failed");
        assertThat(log.entries).extracting(AuditEntry::detail).containsExactly("hits=1", "invalid_limit");
        assertThat(log.entries).hasSize(2).allSatisfy(e -> assertThat(e.owner()).isEmpty());
    }

    @Test
    void malformedRequestsAreRefusedWithTheirCode() {
        String longest = "x".repeat(SearchTerm.MAX);
        assertThat(search.search(admin, Optional.of("  " + longest + "  "), Optional.empty(), Optional.empty())
                .hits()).isEmpty();
        String[][] cases = {
            {"x".repeat(SearchTerm.MAX + 1), "25", "", "invalid_query"},
            {"a\u0000b", "25", "", "invalid_query"},
            {"a", "0", "", "invalid_limit"},
            {"a", "101", "", "invalid_limit"},
            {"a", "ten", "", "invalid_limit"},
            {"a", "25", "not base64 !", "cursor_invalid"},
            {"a", "25", encode("1\nprefix\nuser\nuser_1\n00000000"), "cursor_invalid"},
            {"a", "25", encode("1\nprefix\nteam\nuser_1\n" + checksumOf("a")), "cursor_invalid"},
            {"a", "25", encode("1\nprefix\nuser\nuser_\"1\"\n" + checksumOf("a")), "cursor_invalid"},
            {"a", "25", encode("1\ncontains\nuser\nuser_1\n" + checksumOf("a")), "cursor_invalid"},
            {"a", "25", encode("2\nprefix\nuser\nuser_1\n" + checksumOf("a")), "cursor_invalid"},
            {"a", "25", "x".repeat(10_000), "cursor_invalid"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> search.search(admin, Optional.of(c[0]), Optional.of(c[1]), Optional.of(c[2])))
                    .as("q=%s limit=%s cursor=%s", c[0].length(), c[1], c[2])
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo(c[3]));
        }
    }

    @Test
    void aCursorOnlyContinuesTheSearchThatReturnedIt() {
        IntStream.range(0, 3).forEach(i -> add(Owner.user("user_" + i), null, null, null));
        String next = search.search(admin, Optional.of("user"), Optional.of("1"), Optional.empty()).next()
                .orElseThrow();
        assertThat(search.search(admin, Optional.of("user"), Optional.of("1"), Optional.of(next)).hits())
                .extracting(h -> h.owner().id()).containsExactly("user_1");
        assertThatThrownBy(() -> search.search(admin, Optional.of("user_"), Optional.of("1"), Optional.of(next)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String checksumOf(String q) {
        String cursor = new SearchCursor(MatchTier.PREFIX, Owner.user("user_x")).encode(new SearchTerm(q));
        String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        return plain.substring(plain.lastIndexOf('\n') + 1);
    }
}
