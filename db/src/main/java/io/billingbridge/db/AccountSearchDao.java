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
 * is written so that an index of V10 answers it: {@code search_column = / LIKE 'abc%'} (text_pattern_ops) and
 * {@code search_name / search_email LIKE '%abc%'} (trigrams) on the searched columns (lowercased; in names and emails
 * the punctuation spelled as capitals), and reads only columns of the walk index
 * ({@code billing_accounts_search_walk}). {@code <condition>} is always one of the constants below.
 */
@RegisterConstructorMapper(AccountSearchRow.class)
public interface AccountSearchDao {

    /**
     * The owner types searched ({@code :types}, one or both): in every branch of a condition, because each prefix
     * index leads with the owner type (each trigram index holds one type) and PostgreSQL matches an index to each
     * branch of an OR on its own.
     */
    String TYPES = "owner_type = ANY(CAST(:types AS text[]))";
    /**
     * The search text as V10 stores names and emails for search: lowercased, with the punctuation between words
     * spelled as capital letters (which a lowercased text never holds), so that trigrams span it; and its LIKE
     * literal likewise (an escaped {@code _} becomes an escaped {@code U}, still literal).
     */
    String Q_SPELLED = "translate(lower(:q), ' .@_-+'',', 'SDAUMPQC')";
    String LIKE_SPELLED = "translate(lower(:like), ' .@_-+'',', 'SDAUMPQC')";
    /** Owner id or customer id equal to the text, or the email equal to it ignoring case. */
    String EXACT = "(" + TYPES + " AND owner_id = :q OR customer_id = :q "
            + "OR " + TYPES + " AND search_email = " + Q_SPELLED + ")";
    /** Owner id, customer id, email or name starting with the text, ignoring case. */
    String STARTS = "(" + TYPES + " AND search_owner_id LIKE lower(:like) || '%' "
            + "OR " + TYPES + " AND search_customer_id LIKE lower(:like) || '%' "
            + "OR " + TYPES + " AND search_email LIKE " + LIKE_SPELLED + " || '%' "
            + "OR " + TYPES + " AND search_name LIKE " + LIKE_SPELLED + " || '%')";
    /** Name or email containing the text, ignoring case. */
    String HAS = "(" + TYPES + " AND search_name LIKE '%' || " + LIKE_SPELLED + " || '%' "
            + "OR " + TYPES + " AND search_email LIKE '%' || " + LIKE_SPELLED + " || '%')";
    /** The prefix tier: starts with the text, and no exact match. */
    String PREFIX = STARTS + " AND " + EXACT + " IS NOT TRUE";
    /**
     * The contains tier: contains the text, and neither an exact nor a prefix match (an exact match is a prefix
     * match: a text starts with itself).
     */
    String CONTAINS = HAS + " AND " + STARTS + " IS NOT TRUE";

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
    /** The accounts of one owner type after a position, in owner order. */
    String OF_TYPE = "FROM billing_accounts WHERE owner_type = :type AND owner_id > :afterId";

    /** The exact tier of both owner types: a handful of rows, always found through the indexes. */
    String EXACT_PAGE = HIT + "(SELECT " + ACCOUNT + " FROM billing_accounts "
            + "WHERE (owner_type, owner_id) > (:afterType, :afterId) AND " + EXACT
            + " ORDER BY owner_type, owner_id LIMIT :limit)" + WITH_SNAPSHOT;
    /**
     * The next {@code :walk} accounts of the type in owner order (the walk index holds every column read): those
     * that meet the condition (up to {@code :limit}, {@code walked} false) and, when fewer, the last account walked
     * ({@code walked} true; none when the type ends within the walk). The outer LIMIT stops before the last account
     * is looked up when the matches fill the page.
     */
    String WALK = "SELECT owner_id, walked FROM ((SELECT owner_id, false AS walked FROM (SELECT owner_type, owner_id, "
            + "customer_id, search_owner_id, search_customer_id, search_email, search_name " + OF_TYPE
            + " ORDER BY owner_type, owner_id LIMIT :walk) w "
            + "WHERE <condition> ORDER BY owner_id LIMIT :limit) "
            + "UNION ALL (SELECT owner_id, true " + OF_TYPE
            + " ORDER BY owner_type, owner_id OFFSET :walk - 1 LIMIT 1)) "
            + "page LIMIT :limit";
    /** The accounts of the type after a position that meet the condition: collected through the indexes, sorted. */
    String COLLECTED = "SELECT owner_id " + OF_TYPE + " AND <condition> ORDER BY owner_id LIMIT :limit";
    /** The page's accounts of one owner type, given by their ids. */
    String HITS = HIT + "(SELECT " + ACCOUNT + " FROM billing_accounts WHERE owner_type = :type "
            + "AND owner_id = ANY(CAST(:ids AS text[])))" + WITH_SNAPSHOT;
    /**
     * For the rest of the transaction, until {@link #THROUGH_INDEXES}: each query planned for its own text (see
     * {@link JdbiAccountSearch}), and indexes read in order, never a bitmap collected and sorted. Where the visibility
     * map says the table's pages are all visible, a walk reads the walk index alone (an index-only scan).
     */
    String WALKING = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
            + "set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), "
            + "set_config('enable_indexscan', 'on', true), set_config('enable_indexonlyscan', 'on', true)";
    /**
     * For the rest of the transaction, until {@link #WALKING}: rows found only through bitmaps of the indexes, never
     * by reading the table or an index in some order until enough turned up, which is what a mis-estimated text
     * costs (all 800,000 users read for a text only organizations have).
     */
    String THROUGH_INDEXES = "SELECT set_config('enable_seqscan', 'off', true), "
            + "set_config('enable_bitmapscan', 'on', true), set_config('enable_indexscan', 'off', true), "
            + "set_config('enable_indexonlyscan', 'off', true)";

    @SqlQuery(EXACT_PAGE)
    List<AccountSearchRow> exact(@Bind("q") String q, @Bind("types") String[] types,
            @Bind("afterType") String afterType,
            @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** Up to {@code limit} matches among the next {@code walk} accounts of the type, and the last walked if fewer. */
    @SqlQuery(WALK)
    @RegisterConstructorMapper(WalkedAccountRow.class)
    List<WalkedAccountRow> walk(@Define("condition") String condition, @Bind("q") String q,
            @Bind("types") String[] types, @Bind("like") String like, @Bind("type") String type,
            @Bind("afterId") String afterId, @Bind("walk") int walk, @Bind("limit") int limit);

    /** The owner ids of the first {@code limit} matches of the type after a position, found through the indexes. */
    @SqlQuery(COLLECTED)
    List<String> collected(@Define("condition") String condition, @Bind("q") String q, @Bind("types") String[] types,
            @Bind("like") String like, @Bind("type") String type, @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    /** The accounts of the type with these owner ids, in owner order. */
    @SqlQuery(HITS)
    List<AccountSearchRow> hits(@Bind("type") String type, @Bind("ids") String[] ids);

    @SqlQuery(WALKING)
    String walking();

    @SqlQuery(THROUGH_INDEXES)
    String throughIndexes();

    /** Every account: what the empty search lists. */
    @SqlQuery(HIT + "(SELECT " + ACCOUNT + " FROM billing_accounts WHERE (owner_type, owner_id) > (:afterType, :afterId) "
            + "ORDER BY owner_type, owner_id LIMIT :limit)" + WITH_SNAPSHOT)
    List<AccountSearchRow> all(@Bind("afterType") String afterType, @Bind("afterId") String afterId,
            @Bind("limit") int limit);
}
