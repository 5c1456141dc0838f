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
    /** Accounts walked in owner order first: enough for a page when one in 40 or more matches. */
    public static final int SHORT_WALK = 1_000;
    /** Accounts walked next when the short walk showed that this many hold the rest of the page. */
    public static final int LONG_WALK = 20_000;
    /** Owner types in the order PostgreSQL sorts their wire names, as the search lists them. */
    private static final List<OwnerType> OWNER_ORDER = List.of(OwnerType.ORGANIZATION, OwnerType.USER);
    private static final String[] BOTH_TYPES = OWNER_ORDER.stream().map(OwnerType::wireName).toArray(String[]::new);

    private final Jdbi jdbi;
    private final int shortWalk;
    private final int longWalk;

    public JdbiAccountSearch(Jdbi jdbi) {
        this(jdbi, SHORT_WALK, LONG_WALK);
    }

    /** A search that walks {@code shortWalk}, then {@code longWalk} accounts before it turns to the indexes. */
    JdbiAccountSearch(Jdbi jdbi, int shortWalk, int longWalk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (shortWalk < 1 || longWalk < shortWalk) {
            throw new IllegalArgumentException("walks of at least one account, the long one no shorter");
        }
        this.shortWalk = shortWalk;
        this.longWalk = longWalk;
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

    /** A tier page, one owner type after the other, in one transaction. */
    private List<AccountSearchRow> byOwnerType(String condition, String q, Optional<Owner> after, int limit) {
        String like = like(q);
        return jdbi.inTransaction(handle -> {
            AccountSearchDao dao = handle.attach(AccountSearchDao.class);
            List<AccountSearchRow> rows = new ArrayList<>();
            for (OwnerType type : OWNER_ORDER) {
                if (after.isPresent() && OWNER_ORDER.indexOf(after.get().type()) > OWNER_ORDER.indexOf(type)) {
                    continue;
                }
                String afterId = after.filter(o -> o.type() == type).map(Owner::id).orElse("");
                rows.addAll(ofType(dao, condition, q, like, type, afterId, limit - rows.size()));
                if (rows.size() >= limit) {
                    break;
                }
            }
            return rows;
        });
    }

    /**
     * The first {@code wanted} matches of one owner type after a position, found the way that is fast for the text.
     *
     * <p>A text that many accounts match is fastest found by walking the accounts in owner order until the page is
     * full; a text that few match, by collecting its matches through the indexes and sorting them. Which one a text is
     * cannot be told beforehand: table statistics do not know which owner type a text belongs to, and counting the
     * matches through the trigram indexes costs as much as collecting them (hundreds of milliseconds for a text such
     * as {@code mail}). So the search walks a little first, on the walk index alone: if the walk fills the page, that
     * was the way; if it found some, it walks further when what it found says the rest is near; otherwise the
     * matches past the walk are few, and the indexes collect them, past the last account walked only.
     */
    private List<AccountSearchRow> ofType(AccountSearchDao dao, String condition, String q, String like,
            OwnerType type, String afterId, int wanted) {
        String[] only = {type.wireName()};
        dao.walking();
        List<String> ids = new ArrayList<>();
        String from = afterId;
        int walk = shortWalk;
        while (true) {
            List<WalkedAccountRow> walked = dao.walk(condition, q, only, like, type.wireName(), from, walk,
                    wanted - ids.size());
            List<String> matches = walked.stream().filter(r -> !r.walked()).map(WalkedAccountRow::ownerId).toList();
            ids.addAll(matches);
            Optional<String> last = walked.stream().filter(WalkedAccountRow::walked).map(WalkedAccountRow::ownerId)
                    .findFirst();
            if (ids.size() >= wanted || last.isEmpty()) {
                break;
            }
            from = last.get();
            long rowsForTheRest = matches.isEmpty() ? Long.MAX_VALUE
                    : (long) (wanted - ids.size()) * walk / matches.size();
            if (walk < longWalk && rowsForTheRest <= longWalk) {
                walk = longWalk;
                continue;
            }
            dao.throughIndexes();
            ids.addAll(dao.collected(condition, q, only, like, type.wireName(), from, wanted - ids.size()));
            break;
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        dao.throughIndexes();
        return dao.hits(type.wireName(), ids.toArray(String[]::new));
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
