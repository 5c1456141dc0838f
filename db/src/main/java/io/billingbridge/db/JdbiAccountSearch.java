package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.admin.AccountHit;
import io.billingbridge.core.admin.AccountSearch;
import io.billingbridge.core.admin.MaskedEmail;
import io.billingbridge.core.admin.MatchTier;
import io.billingbridge.core.admin.PlanLine;
import io.billingbridge.core.admin.SearchTerm;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** {@link AccountSearch} in PostgreSQL, on the indexes of migration V10; emails are masked as rows are read. */
public final class JdbiAccountSearch implements AccountSearch {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Each query is planned for its own text. The driver prepares a statement on the server after five runs, and
     * PostgreSQL may then switch to a generic plan, which cannot use a LIKE prefix or trigram index and walks the
     * whole table instead (40 ms at 20,000 accounts, seconds at a million, in the benchmark before this was set).
     */
    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";
    /** Up to this many matches (of a tier, or of one owner type) are collected and sorted; more are walked in order. */
    public static final int FEW = 3_000;
    /** Owner types in the order PostgreSQL sorts their wire names, as the search lists them. */
    private static final List<OwnerType> OWNER_ORDER = List.of(OwnerType.ORGANIZATION, OwnerType.USER);
    private static final String[] BOTH_TYPES = OWNER_ORDER.stream().map(OwnerType::wireName).toArray(String[]::new);

    private final Jdbi jdbi;
    private final int few;

    public JdbiAccountSearch(Jdbi jdbi) {
        this(jdbi, FEW);
    }

    /** A search that collects and sorts at most {@code few} matches (tests use both ways). */
    JdbiAccountSearch(Jdbi jdbi, int few) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.few = few;
    }

    @Override
    public List<AccountHit> find(SearchTerm term, MatchTier tier, Optional<Owner> after, int limit) {
        if (!term.tiers().contains(tier)) {
            throw new IllegalArgumentException("the " + tier.wireName() + " tier is not searched for this term");
        }
        String q = term.text();
        List<AccountSearchRow> rows = switch (tier) {
            case EXACT -> inTransaction(dao -> dao.exact(q, BOTH_TYPES, afterType(after), afterId(after), limit));
            case PREFIX -> term.isEmpty() ? inTransaction(dao -> dao.all(afterType(after), afterId(after), limit))
                    : byOwnerType(AccountSearchDao.PREFIX, q, after, limit);
            case CONTAINS -> byOwnerType(AccountSearchDao.CONTAINS, q, after, limit);
        };
        return rows.stream().map(row -> toHit(row, tier)).toList();
    }

    /**
     * A tier page, one owner type after the other, each the way that is fast for it.
     *
     * <p>Most texts match a few accounts: they are collected through the indexes and sorted, both owner types at
     * once, in one query. Only when more match is each owner type looked at on its own.
     *
     * <p>A text common among users may be absent among organizations, which come first: walking the accounts in
     * owner order until the page is full then reads every organization (800 ms at a million accounts). So the
     * matches of the type are counted first, through the indexes only, no further than {@link #FEW} (by default):
     * that many or fewer are collected through the indexes and sorted; more are frequent enough that the walk in
     * owner order fills a page after a few thousand rows, and sorting is switched off so that PostgreSQL walks
     * instead of collecting and sorting them all. Table statistics cannot tell this apart: they do not know which
     * owner type a text belongs to.
     */
    private List<AccountSearchRow> byOwnerType(String condition, String q, Optional<Owner> after, int limit) {
        String like = like(q);
        List<CollectedAccountRow> collected = jdbi.inTransaction(handle -> {
            AccountSearchDao dao = handle.attach(AccountSearchDao.class);
            dao.throughIndexes();
            return dao.collected(condition, q, BOTH_TYPES, like, afterType(after), afterId(after), few + 1, limit);
        });
        if (collected.isEmpty() || collected.get(0).matches() <= few) {
            return collected.stream().map(CollectedAccountRow::account).toList();
        }
        List<AccountSearchRow> rows = new ArrayList<>();
        for (OwnerType type : OWNER_ORDER) {
            if (after.isPresent() && OWNER_ORDER.indexOf(after.get().type()) > OWNER_ORDER.indexOf(type)) {
                continue;
            }
            String afterId = after.filter(o -> o.type() == type).map(Owner::id).orElse("");
            int wanted = limit - rows.size();
            String[] only = {type.wireName()};
            rows.addAll(jdbi.inTransaction(handle -> {
                AccountSearchDao dao = handle.attach(AccountSearchDao.class);
                dao.throughIndexes();
                if (dao.count(condition, q, only, like, type.wireName(), afterId, few + 1) <= few) {
                    return dao.fewInOrder(condition, q, only, like, type.wireName(), afterId, wanted);
                }
                dao.inOwnerOrder();
                return dao.manyInOrder(condition, q, only, like, type.wireName(), afterId, wanted);
            }));
            if (rows.size() >= limit) {
                break;
            }
        }
        return rows;
    }

    private <T> T inTransaction(Function<AccountSearchDao, T> work) {
        return jdbi.inTransaction(handle -> {
            handle.execute(CUSTOM_PLANS);
            return work.apply(handle.attach(AccountSearchDao.class));
        });
    }

    private static String afterType(Optional<Owner> after) {
        return after.map(o -> o.type().wireName()).orElse("");
    }

    private static String afterId(Optional<Owner> after) {
        return after.map(Owner::id).orElse("");
    }

    /** The text as a LIKE literal: backslash, percent and underscore escaped with PostgreSQL's default escape. */
    static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AccountHit toHit(AccountSearchRow row, MatchTier tier) {
        return new AccountHit(Owner.of(OwnerType.fromWireName(row.ownerType()).orElseThrow(), row.ownerId()),
                Optional.ofNullable(row.customerId()).map(CustomerId::new), Optional.ofNullable(row.profileName()),
                MaskedEmail.of(row.profileEmail()), plan(row.plan()),
                SyncState.valueOf(row.syncState().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(row.syncedAt()).map(OffsetDateTime::toInstant), row.dirty(), tier);
    }

    private static List<PlanLine> plan(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<PlanLine>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plan summary is not a JSON array of {product, status}", e);
        }
    }
}
