package io.billingbridge.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL for the account search: the conditions of each match tier (each excluding the better tiers), pages in owner
 * order after a position, with the plan summary read from the stored snapshot for the page's rows only.
 *
 * <p>{@code :q} is the search text; {@code :like} is the same text with LIKE's {@code \ % _} escaped. Each condition
 * is written so that an index of V10 answers it: {@code lower(column) = / LIKE 'abc%'} (text_pattern_ops) and
 * {@code lower(column) LIKE '%abc%'} (trigrams). {@code <condition>} is always one of the constants below.
 */
@RegisterConstructorMapper(AccountSearchRow.class)
public interface AccountSearchDao {

    /**
     * The owner types searched ({@code :types}, one or both): in every branch of a condition, because each search
     * index leads with the owner type and PostgreSQL matches an index to each branch of an OR on its own.
     */
    String TYPES = "owner_type = ANY(CAST(:types AS text[]))";
    /** Owner id or customer id equal to the text, or the email equal to it ignoring case. */
    String EXACT = "(" + TYPES + " AND lower(owner_id) = lower(:q) AND owner_id = :q OR customer_id = :q "
            + "OR " + TYPES + " AND lower(profile_email) = lower(:q))";
    /** Owner id, customer id, email or name starting with the text, ignoring case. */
    String STARTS = "(" + TYPES + " AND lower(owner_id) LIKE lower(:like) || '%' "
            + "OR " + TYPES + " AND lower(customer_id) LIKE lower(:like) || '%' "
            + "OR " + TYPES + " AND lower(profile_email) LIKE lower(:like) || '%' "
            + "OR " + TYPES + " AND lower(profile_name) LIKE lower(:like) || '%')";
    /** Name or email containing the text, ignoring case. */
    String HAS = "(lower(profile_name) LIKE '%' || lower(:like) || '%' "
            + "OR lower(profile_email) LIKE '%' || lower(:like) || '%')";
    /** The prefix tier: starts with the text, and no exact match. */
    String PREFIX = STARTS + " AND " + EXACT + " IS NOT TRUE";
    /** The contains tier: contains the text, and neither an exact nor a prefix match. */
    String CONTAINS = HAS + " AND (" + EXACT + " OR " + STARTS + ") IS NOT TRUE";

    /**
     * Each subscription item of the stored snapshot (names of {@code StoredSnapshotV1}) as {@code {product, status}},
     * in stored order; lax JSON paths read a missing list as empty.
     */
    String PLAN = "coalesce((SELECT jsonb_agg(jsonb_build_object('product', coalesce(item ->> 'productName', ''), "
            + "'status', coalesce(sub ->> 'status', '')) ORDER BY n, m) "
            + "FROM jsonb_path_query(s.snapshot, 'lax $.subscriptions[*]') WITH ORDINALITY AS subs(sub, n), "
            + "jsonb_path_query(subs.sub, 'lax $.items[*]') WITH ORDINALITY AS items(item, m)), '[]'::jsonb)::text";
    String ACCOUNT = "owner_type, owner_id, customer_id, profile_name, profile_email, sync_state";
    String HIT_COLUMNS = "a.owner_type, a.owner_id, a.customer_id, a.profile_name, a.profile_email, a.sync_state, "
            + "s.synced_at, coalesce(s.dirty, false) AS dirty, " + PLAN + " AS plan";
    String HIT = "SELECT " + HIT_COLUMNS + " FROM ";
    String WITH_SNAPSHOT = " a LEFT JOIN customer_snapshots s ON s.customer_id = a.customer_id "
            + "ORDER BY a.owner_type, a.owner_id";
    /** The accounts of one owner type after a position that meet the condition. */
    String OF_TYPE = "FROM billing_accounts WHERE owner_type = :type AND owner_id > :afterId AND <condition>";

    /** The exact tier of both owner types: a handful of rows, always found through the indexes. */
    String EXACT_PAGE = HIT + "(SELECT " + ACCOUNT + " FROM billing_accounts "
            + "WHERE (owner_type, owner_id) > (:afterType, :afterId) AND " + EXACT
            + " ORDER BY owner_type, owner_id LIMIT :limit)" + WITH_SNAPSHOT;
    /** A tier page of both owner types from its matches collected through the indexes, up to {@code :cap}. */
    String COLLECTED_PAGE = "WITH matches AS MATERIALIZED (SELECT " + ACCOUNT + " FROM billing_accounts "
            + "WHERE (owner_type, owner_id) > (:afterType, :afterId) AND <condition> "
            + "LIMIT :cap) "
            + "SELECT " + HIT_COLUMNS + ", (SELECT count(*) FROM matches) AS matches "
            + "FROM (SELECT * FROM matches ORDER BY owner_type, owner_id LIMIT :limit)" + WITH_SNAPSHOT;
    String COUNT = "SELECT count(*) FROM (SELECT 1 " + OF_TYPE + " LIMIT :cap) c";
    String FEW_PAGE = "WITH matches AS MATERIALIZED (SELECT " + ACCOUNT + " " + OF_TYPE + ") "
            + HIT + "(SELECT * FROM matches ORDER BY owner_id LIMIT :limit)" + WITH_SNAPSHOT;
    String MANY_PAGE = HIT + "(SELECT " + ACCOUNT + " " + OF_TYPE + " ORDER BY owner_id LIMIT :limit)" + WITH_SNAPSHOT;
    /**
     * For the rest of the transaction: each query planned for its own text (see {@link JdbiAccountSearch}), and
     * matches found only through bitmaps of the indexes, never by reading the table in some order until enough
     * turned up, which is what a mis-estimated text costs (all 800,000 users read for a text only organizations have).
     */
    String THROUGH_INDEXES = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
            + "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)";
    /** For the rest of the transaction: walk the owner index in order rather than collect and sort. */
    String IN_OWNER_ORDER = "SELECT set_config('enable_indexscan', 'on', true), set_config('enable_sort', 'off', true)";

    @SqlQuery(EXACT_PAGE)
    List<AccountSearchRow> exact(@Bind("q") String q, @Bind("types") String[] types,
            @Bind("afterType") String afterType,
            @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** A page from the tier's collected matches; each row says how many were collected (all when under the cap). */
    @SqlQuery(COLLECTED_PAGE)
    @RegisterConstructorMapper(CollectedAccountRow.class)
    List<CollectedAccountRow> collected(@Define("condition") String condition, @Bind("q") String q,
            @Bind("types") String[] types,
            @Bind("like") String like, @Bind("afterType") String afterType, @Bind("afterId") String afterId,
            @Bind("cap") int cap, @Bind("limit") int limit);

    /** How many accounts of the type meet the condition, counting no further than {@code cap}. */
    @SqlQuery(COUNT)
    int count(@Define("condition") String condition, @Bind("q") String q, @Bind("types") String[] types,
            @Bind("like") String like,
            @Bind("type") String type, @Bind("afterId") String afterId, @Bind("cap") int cap);

    /** A page of a few matches: all of them found through the indexes first, then sorted. */
    @SqlQuery(FEW_PAGE)
    List<AccountSearchRow> fewInOrder(@Define("condition") String condition, @Bind("q") String q,
            @Bind("types") String[] types,
            @Bind("like") String like, @Bind("type") String type, @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    /** A page of many matches: the accounts walked in owner id order until the page is full. */
    @SqlQuery(MANY_PAGE)
    List<AccountSearchRow> manyInOrder(@Define("condition") String condition, @Bind("q") String q,
            @Bind("types") String[] types,
            @Bind("like") String like, @Bind("type") String type, @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    @SqlQuery(THROUGH_INDEXES)
    String throughIndexes();

    @SqlQuery(IN_OWNER_ORDER)
    String inOwnerOrder();

    /** Every account: what the empty search lists. */
    @SqlQuery(HIT + "(SELECT " + ACCOUNT + " FROM billing_accounts WHERE (owner_type, owner_id) > (:afterType, :afterId) "
            + "ORDER BY owner_type, owner_id LIMIT :limit)" + WITH_SNAPSHOT)
    List<AccountSearchRow> all(@Bind("afterType") String afterType, @Bind("afterId") String afterId,
            @Bind("limit") int limit);
}
