package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.admin.AccountHit;
import io.billingbridge.core.admin.AccountSearchPage;
import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.MaskedEmail;
import io.billingbridge.core.admin.MatchTier;
import io.billingbridge.core.admin.PlanLine;
import io.billingbridge.core.admin.SearchAccounts;
import io.billingbridge.core.admin.SearchTerm;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account search's SQL on a real PostgreSQL: tiers, order, pages, the plan summary and the masked email. */
class JdbiAccountSearchTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner ALICIA = Owner.user("user_alice_2");
    private static final Owner WONDERLAND = Owner.organization("org_wonderland");
    private static final Owner BOB = Owner.user("user_bob");
    private static final Owner CAROL = Owner.user("user_carol");
    private static final Owner PROMO = Owner.user("user_promo");

    private Jdbi jdbi;
    private JdbiBillingAccounts accounts;
    private JdbiAccountSearch search;
    private SearchAccounts searchAccounts;
    private SearchAccounts walkingSearch;
    private SearchAccounts indexedSearch;
    private final AdminIdentity admin = new AdminIdentity("support", Set.of(AdminScope.READ));

    @BeforeEach
    void accounts() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        accounts = new JdbiBillingAccounts(jdbi);
        search = new JdbiAccountSearch(jdbi);
        searchAccounts = new SearchAccounts(search, new Auditor(new JdbiAuditLog(jdbi), Clock.systemUTC()));
        walkingSearch = new SearchAccounts(new JdbiAccountSearch(jdbi, 1, 2), new Auditor(new JdbiAuditLog(jdbi),
                Clock.systemUTC()));
        indexedSearch = new SearchAccounts(new JdbiAccountSearch(jdbi, 1, 1), new Auditor(new JdbiAuditLog(jdbi),
                Clock.systemUTC()));
        link(ALICE, "cus_alice1", "Alice Liddell", "Alice@Example.com");
        accounts.reserve(ALICIA, NOW);
        link(WONDERLAND, "cus_wonder", "Wonderland Alice Club", "billing@wonder.test");
        link(BOB, "cus_bob", "Bob Malice", "bob@example.com");
        link(CAROL, "cus_carol", "Carol", "carol@alice.test");
        link(PROMO, "cus_promo", "Promo 50% off_season", null);
        new JdbiSnapshots(jdbi).save(ALICE, new BillingSnapshot(new CustomerId("cus_alice1"), List.of(
                subscription("sub_1", "active", "Pro"), subscription("sub_2", "trialing", "Seats", "Support")),
                List.of(), List.of(), List.of(), List.of(), NOW));
    }

    private void link(Owner owner, String customer, String name, String email) {
        accounts.reserve(owner, NOW);
        accounts.link(owner, new CustomerId(customer), new CustomerProfile(Optional.of(name), Optional.ofNullable(email),
                Map.of()), NOW);
    }

    private static SubscriptionView subscription(String id, String status, String... products) {
        List<SubscriptionItemView> items = new ArrayList<>();
        for (String product : products) {
            items.add(new SubscriptionItemView("si_" + product, "price_" + product, Optional.empty(), "prod_" + product,
                    product, 1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
        return new SubscriptionView(id, status, items, false, Optional.empty(), Optional.empty(), NOW);
    }

    /**
     * Every page of a search, as "tier owner-key"; the same whether the matches are all found by a walk in owner
     * order (as here, with a few accounts), by walks of one and two accounts then through the indexes, or by a walk of
     * one account then through the indexes (as for texts that few of a million accounts match).
     */
    private List<String> all(String q, int limit) {
        List<String> walked = pages(searchAccounts, q, limit);
        assertThat(pages(walkingSearch, q, limit)).as("short walks, then the indexes").isEqualTo(walked);
        assertThat(pages(indexedSearch, q, limit)).as("one account walked, then the indexes").isEqualTo(walked);
        return walked;
    }

    private List<String> pages(SearchAccounts searchAccounts, String q, int limit) {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AccountSearchPage page = searchAccounts.search(admin, Optional.of(q), Optional.of(Integer.toString(limit)),
                    cursor);
            assertThat(page.hits()).hasSizeLessThanOrEqualTo(limit);
            page.hits().forEach(h -> seen.add(h.match().wireName() + " " + h.owner().key()));
            cursor = page.next();
        } while (cursor.isPresent());
        return seen;
    }

    @Test
    void ownerIdAndCustomerIdMatchExactlyAndTheEmailIgnoringCase() {
        assertThat(all("user_alice", 25)).containsExactly("exact user:user_alice", "prefix user:user_alice_2");
        assertThat(all("cus_alice1", 25)).containsExactly("exact user:user_alice");
        assertThat(all("alice@example.COM", 25)).containsExactly("exact user:user_alice");
        assertThat(all("USER_ALICE", 25)).as("ids are exact only as written, prefixes ignore case")
                .containsExactly("prefix user:user_alice", "prefix user:user_alice_2");
        assertThat(all("org_wonderland", 25)).containsExactly("exact organization:org_wonderland");
    }

    @Test
    void prefixesComeBeforeSubstringsAndEachAccountIsListedOnceInItsBestTier() {
        assertThat(all("Alice", 25)).containsExactly(
                "prefix user:user_alice",
                "contains organization:org_wonderland", "contains user:user_bob", "contains user:user_carol");
        assertThat(all("CUS_", 25)).containsExactly("prefix organization:org_wonderland", "prefix user:user_alice",
                "prefix user:user_bob", "prefix user:user_carol", "prefix user:user_promo");
        assertThat(all("wonder.test", 25)).containsExactly("contains organization:org_wonderland");
        assertThat(all("liddell", 25)).containsExactly("contains user:user_alice");
    }

    @Test
    void pagesOfAnySizeListTheSameAccountsWithoutRepeatsOrGaps() {
        List<String> whole = all("Alice", 100);
        List<String> customers = all("cus_", 100);
        assertThat(customers).hasSize(5);
        for (int limit = 1; limit <= 5; limit++) {
            assertThat(all("Alice", limit)).as("pages of %d", limit).containsExactlyElementsOf(whole);
            assertThat(all("cus_", limit)).as("organizations then users, pages of %d", limit)
                    .containsExactlyElementsOf(customers);
            assertThat(all("", limit)).as("everyone, pages of %d", limit).hasSize(6).doesNotHaveDuplicates();
        }
    }

    @Test
    void theEmptySearchListsEveryAccountInOwnerOrder() {
        assertThat(all("", 25)).containsExactly("prefix organization:org_wonderland", "prefix user:user_alice",
                "prefix user:user_alice_2", "prefix user:user_bob", "prefix user:user_carol", "prefix user:user_promo");
        assertThat(all("   ", 25)).hasSize(6);
    }

    @Test
    void shortTextIsNotSearchedAsASubstringAndLikeWildcardsAreLiteral() {
        assertThat(all("ce", 25)).as("no contains tier under 3 characters").isEmpty();
        assertThat(all("50%", 25)).containsExactly("contains user:user_promo");
        assertThat(all("%", 25)).isEmpty();
        assertThat(all("_", 25)).isEmpty();
        assertThat(all("f_s", 25)).containsExactly("contains user:user_promo");
        assertThat(all("o_f", 25)).isEmpty();
        assertThat(all("\\", 25)).isEmpty();
    }

    @Test
    void punctuationInTheTextMatchesThatPunctuationOnly() {
        assertThat(all("e.com", 25)).containsExactly("contains user:user_alice", "contains user:user_bob");
        assertThat(all("b@ex", 25)).containsExactly("contains user:user_bob");
        assertThat(all("e li", 25)).containsExactly("contains user:user_alice");
        assertThat(all("eDcom", 25)).as("a capital letter is no match for the punctuation stored as one").isEmpty();
        assertThat(all("bAex", 25)).isEmpty();
        assertThat(all("eSli", 25)).isEmpty();
        assertThat(all("son", 25)).as("off_season: the underscore is not a word break").containsExactly(
                "contains user:user_promo");
    }

    @Test
    void aHitShowsTheMaskedEmailThePlanOfTheStoredSnapshotAndItsSyncState() {
        new JdbiSnapshots(jdbi).markDirty(new CustomerId("cus_alice1"));
        AccountHit alice = search.find(new SearchTerm("cus_alice1"), MatchTier.EXACT, Optional.empty(), 10).get(0);
        assertThat(alice.owner()).isEqualTo(ALICE);
        assertThat(alice.customer()).contains(new CustomerId("cus_alice1"));
        assertThat(alice.name()).contains("Alice Liddell");
        assertThat(alice.email()).contains(new MaskedEmail("A***@Example.com"));
        assertThat(alice.plan()).containsExactly(new PlanLine("Pro", "active"), new PlanLine("Seats", "trialing"),
                new PlanLine("Support", "trialing"));
        assertThat(alice.syncState()).isEqualTo(SyncState.ACTIVE);
        assertThat(alice.lastSyncedAt()).contains(NOW);
        assertThat(alice.snapshotOutOfDate()).isTrue();

        AccountHit alicia = search.find(new SearchTerm("user_alice_2"), MatchTier.EXACT, Optional.empty(), 10).get(0);
        assertThat(alicia.customer()).isEmpty();
        assertThat(alicia.name()).isEmpty();
        assertThat(alicia.email()).isEmpty();
        assertThat(alicia.plan()).isEmpty();
        assertThat(alicia.syncState()).isEqualTo(SyncState.PENDING);
        assertThat(alicia.lastSyncedAt()).isEmpty();
        assertThat(alicia.snapshotOutOfDate()).isFalse();

        AccountHit bob = search.find(new SearchTerm("bob"), MatchTier.PREFIX, Optional.empty(), 10).get(0);
        assertThat(bob.email()).contains(new MaskedEmail("b***@example.com"));
        assertThat(bob.plan()).as("no snapshot stored").isEmpty();
    }

    @Test
    void aTamperedCursorIsRefusedAndTheRefusalAudited() {
        String next = searchAccounts.search(admin, Optional.of("alice"), Optional.of("1"), Optional.empty()).next()
                .orElseThrow();
        String tampered = next.substring(0, next.length() - 2) + (next.endsWith("A") ? "BB" : "AA");
        for (String bad : List.of(tampered, "garbage", next + "x", next.substring(1))) {
            assertThatThrownBy(() -> searchAccounts.search(admin, Optional.of("alice"), Optional.of("1"),
                    Optional.of(bad))).as(bad).isInstanceOfSatisfying(InvalidRequest.class,
                            e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
        }
        List<String> audited = jdbi.withHandle(h -> h.createQuery("SELECT outcome || ' ' || detail FROM audit_log "
                + "WHERE action = 'admin.accounts.search' ORDER BY id").mapTo(String.class).list());
        assertThat(audited).containsExactly("allowed hits=1", "failed cursor_invalid", "failed cursor_invalid",
                        "failed cursor_invalid", "failed cursor_invalid");
    }

    @Test
    void aTierTheTermDoesNotSearchIsAProgrammingError() {
        assertThatThrownBy(() -> search.find(new SearchTerm("al"), MatchTier.CONTAINS, Optional.empty(), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
