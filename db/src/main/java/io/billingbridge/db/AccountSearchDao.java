package io.billingbridge.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL for the account search: one query per match tier, each excluding the better tiers, in owner order after a
 * position, with the plan summary read from the stored snapshot for the page's rows only.
 *
 * <p>{@code :q} is the search text; {@code :like} is the same text with LIKE's {@code \ % _} escaped. Each condition
 * is written so that an index of V10 answers it: {@code lower(column) = / LIKE 'abc%'} (text_pattern_ops) and
 * {@code lower(column) LIKE '%abc%'} (trigrams).
 */
@RegisterConstructorMapper(AccountSearchRow.class)
public interface AccountSearchDao {

    /** Owner id or customer id equal to the text, or the email equal to it ignoring case. */
    String EXACT = "(lower(owner_id) = lower(:q) AND owner_id = :q OR customer_id = :q "
            + "OR lower(profile_email) = lower(:q))";
    /** Owner id, customer id, email or name starting with the text, ignoring case. */
    String PREFIX = "(lower(owner_id) LIKE lower(:like) || '%' OR lower(customer_id) LIKE lower(:like) || '%' "
            + "OR lower(profile_email) LIKE lower(:like) || '%' OR lower(profile_name) LIKE lower(:like) || '%')";
    /** Name or email containing the text, ignoring case. */
    String CONTAINS = "(lower(profile_name) LIKE '%' || lower(:like) || '%' "
            + "OR lower(profile_email) LIKE '%' || lower(:like) || '%')";

    /**
     * Each subscription item of the stored snapshot (names of {@code StoredSnapshotV1}) as {@code {product, status}},
     * in stored order; lax JSON paths read a missing list as empty.
     */
    String PLAN = "coalesce((SELECT jsonb_agg(jsonb_build_object('product', coalesce(item ->> 'productName', ''), "
            + "'status', coalesce(sub ->> 'status', '')) ORDER BY n, m) "
            + "FROM jsonb_path_query(s.snapshot, 'lax $.subscriptions[*]') WITH ORDINALITY AS subs(sub, n), "
            + "jsonb_path_query(subs.sub, 'lax $.items[*]') WITH ORDINALITY AS items(item, m)), '[]'::jsonb)::text";
    String SELECT = "SELECT a.owner_type, a.owner_id, a.customer_id, a.profile_name, a.profile_email, a.sync_state, "
            + "s.synced_at, coalesce(s.dirty, false) AS dirty, " + PLAN + " AS plan FROM ("
            + "SELECT owner_type, owner_id, customer_id, profile_name, profile_email, sync_state FROM billing_accounts "
            + "WHERE (owner_type, owner_id) > (:afterType, :afterId)";
    String PAGE = " ORDER BY owner_type, owner_id LIMIT :limit) a "
            + "LEFT JOIN customer_snapshots s ON s.customer_id = a.customer_id ORDER BY a.owner_type, a.owner_id";

    @SqlQuery(SELECT + " AND " + EXACT + PAGE)
    List<AccountSearchRow> exact(@Bind("q") String q, @Bind("afterType") String afterType,
            @Bind("afterId") String afterId, @Bind("limit") int limit);

    @SqlQuery(SELECT + " AND " + PREFIX + " AND " + EXACT + " IS NOT TRUE" + PAGE)
    List<AccountSearchRow> prefix(@Bind("q") String q, @Bind("like") String like, @Bind("afterType") String afterType,
            @Bind("afterId") String afterId, @Bind("limit") int limit);

    @SqlQuery(SELECT + " AND " + CONTAINS + " AND (" + EXACT + " OR " + PREFIX + ") IS NOT TRUE" + PAGE)
    List<AccountSearchRow> contains(@Bind("q") String q, @Bind("like") String like,
            @Bind("afterType") String afterType, @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** Every account: what the empty search lists. */
    @SqlQuery(SELECT + PAGE)
    List<AccountSearchRow> all(@Bind("afterType") String afterType, @Bind("afterId") String afterId,
            @Bind("limit") int limit);
}
