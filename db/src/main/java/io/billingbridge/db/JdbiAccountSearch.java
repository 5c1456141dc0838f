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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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

    private final Jdbi jdbi;

    public JdbiAccountSearch(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<AccountHit> find(SearchTerm term, MatchTier tier, Optional<Owner> after, int limit) {
        if (!term.tiers().contains(tier)) {
            throw new IllegalArgumentException("the " + tier.wireName() + " tier is not searched for this term");
        }
        String type = after.map(o -> o.type().wireName()).orElse("");
        String id = after.map(Owner::id).orElse("");
        String q = term.text();
        List<AccountSearchRow> rows = jdbi.inTransaction(handle -> {
            handle.execute(CUSTOM_PLANS);
            AccountSearchDao dao = handle.attach(AccountSearchDao.class);
            return switch (tier) {
                case EXACT -> dao.exact(q, type, id, limit);
                case PREFIX -> term.isEmpty() ? dao.all(type, id, limit) : dao.prefix(q, like(q), type, id, limit);
                case CONTAINS -> dao.contains(q, like(q), type, id, limit);
            };
        });
        return rows.stream().map(row -> toHit(row, tier)).toList();
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
