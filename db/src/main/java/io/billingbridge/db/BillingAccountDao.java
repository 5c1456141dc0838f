package io.billingbridge.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code billing_accounts}. */
@RegisterConstructorMapper(BillingAccountRow.class)
public interface BillingAccountDao {

    String COLUMNS = "owner_type, owner_id, customer_id, profile_name, profile_email, profile_metadata::text AS profile_metadata, "
            + "sync_state, created_at, updated_at, customer_generation";

    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE owner_type = :type AND owner_id = :id")
    Optional<BillingAccountRow> find(@Bind("type") String type, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE customer_id = :customerId")
    Optional<BillingAccountRow> findByCustomer(@Bind("customerId") String customerId);

    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE sync_state = 'active' "
            + "AND (owner_type, owner_id) > (:afterType, :afterId) ORDER BY owner_type, owner_id LIMIT :limit")
    List<BillingAccountRow> active(@Bind("afterType") String afterType, @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO billing_accounts (owner_type, owner_id, sync_state, created_at, updated_at) "
            + "VALUES (:type, :id, 'pending', :now, :now) ON CONFLICT (owner_type, owner_id) DO NOTHING")
    int reserve(@Bind("type") String type, @Bind("id") String id, @Bind("now") OffsetDateTime now);

    String LINK = "UPDATE billing_accounts SET customer_id = :customerId, profile_name = :name, "
            + "profile_email = :email, profile_metadata = CAST(:metadata AS jsonb), sync_state = 'active', "
            + "updated_at = :now, creation_claim = NULL, creation_claimed_until = NULL "
            + "WHERE owner_type = :type AND owner_id = :id AND (customer_id IS NULL OR customer_id = :customerId)";

    @SqlUpdate(LINK)
    int link(@Bind("type") String type, @Bind("id") String id, @Bind("customerId") String customerId,
            @Bind("name") String name, @Bind("email") String email, @Bind("metadata") String metadata,
            @Bind("now") OffsetDateTime now);

    /** Links only while the owner is still at the claimed customer generation. */
    @SqlUpdate(LINK + " AND customer_generation = :generation")
    int linkAtGeneration(@Bind("type") String type, @Bind("id") String id, @Bind("customerId") String customerId,
            @Bind("name") String name, @Bind("email") String email, @Bind("metadata") String metadata,
            @Bind("now") OffsetDateTime now, @Bind("generation") int generation);

    /** Takes the creation claim when the owner has no customer and no live claim; returns the generation claimed. */
    @SqlQuery("UPDATE billing_accounts SET creation_claim = :claim, creation_claimed_until = :until "
            + "WHERE owner_type = :type AND owner_id = :id AND customer_id IS NULL "
            + "AND (creation_claim IS NULL OR creation_claimed_until < :now) RETURNING customer_generation")
    Optional<Integer> claimCreation(@Bind("type") String type, @Bind("id") String id, @Bind("claim") UUID claim,
            @Bind("now") OffsetDateTime now, @Bind("until") OffsetDateTime until);

    @SqlUpdate("UPDATE billing_accounts SET creation_claim = NULL, creation_claimed_until = NULL "
            + "WHERE owner_type = :type AND owner_id = :id AND creation_claim = :claim")
    int abandonClaim(@Bind("type") String type, @Bind("id") String id, @Bind("claim") UUID claim);

    /** Locks the owner's row for a relink. */
    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE owner_type = :type AND owner_id = :id FOR UPDATE")
    Optional<BillingAccountRow> findForUpdate(@Bind("type") String type, @Bind("id") String id);

    /** Locks the owner's row while it is linked to this customer, so no snapshot of it can be stored meanwhile. */
    @SqlQuery("SELECT true FROM billing_accounts WHERE owner_type = :type AND owner_id = :id "
            + "AND customer_id = :customerId FOR UPDATE")
    Optional<Boolean> lockLinked(@Bind("type") String type, @Bind("id") String id,
            @Bind("customerId") String customerId);

    @SqlUpdate("DELETE FROM customer_snapshots WHERE customer_id = :customerId")
    int forgetSnapshot(@Bind("customerId") String customerId);

    @SqlUpdate("UPDATE billing_accounts SET customer_id = NULL, customer_generation = customer_generation + 1, "
            + "sync_state = CASE WHEN sync_state = 'deleted' THEN 'deleted' ELSE 'pending' END, updated_at = :now "
            + "WHERE owner_type = :type AND owner_id = :id AND customer_id = :customerId")
    int release(@Bind("type") String type, @Bind("id") String id, @Bind("customerId") String customerId,
            @Bind("now") OffsetDateTime now);

    @SqlUpdate("UPDATE billing_accounts SET profile_name = :name, profile_email = :email, "
            + "profile_metadata = CAST(:metadata AS jsonb), sync_state = :state, updated_at = :now "
            + "WHERE owner_type = :type AND owner_id = :id")
    int update(@Bind("type") String type, @Bind("id") String id, @Bind("name") String name,
            @Bind("email") String email, @Bind("metadata") String metadata, @Bind("state") String state,
            @Bind("now") OffsetDateTime now);
}
