package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CreationClaim;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.Relinked;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link BillingAccounts} in PostgreSQL; the primary key and unique customer id keep one customer per owner.
 *
 * <p>Every method is one short statement or transaction: no connection is held across a call to Clerk or Stripe
 * (the creation claim lives in the owner's row instead).
 */
public final class JdbiBillingAccounts implements BillingAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    public JdbiBillingAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<BillingAccount> find(Owner owner) {
        return jdbi.withExtension(BillingAccountDao.class, dao -> dao.find(owner.type().wireName(), owner.id()))
                .map(JdbiBillingAccounts::toAccount);
    }

    @Override
    public Optional<BillingAccount> findByCustomer(CustomerId customerId) {
        return jdbi.withExtension(BillingAccountDao.class, dao -> dao.findByCustomer(customerId.value()))
                .map(JdbiBillingAccounts::toAccount);
    }

    @Override
    public List<BillingAccount> active(Optional<Owner> after, int limit) {
        return jdbi.withExtension(BillingAccountDao.class, dao -> dao.active(
                        after.map(o -> o.type().wireName()).orElse(""), after.map(Owner::id).orElse(""), limit))
                .stream()
                .map(JdbiBillingAccounts::toAccount)
                .toList();
    }

    @Override
    public BillingAccount reserve(Owner owner, Instant now) {
        return jdbi.inTransaction(handle -> {
            BillingAccountDao dao = handle.attach(BillingAccountDao.class);
            dao.reserve(owner.type().wireName(), owner.id(), utc(now));
            return toAccount(dao.find(owner.type().wireName(), owner.id()).orElseThrow());
        });
    }

    @Override
    public BillingAccount link(Owner owner, CustomerId customerId, CustomerProfile profile, Instant now) {
        return linking(dao -> dao.link(owner.type().wireName(), owner.id(), customerId.value(),
                profile.name().orElse(null), profile.email().orElse(null), json(profile.metadata()), utc(now)),
                owner, "the owner has no reserved account or another customer");
    }

    private BillingAccount linking(ToIntFunction<BillingAccountDao> update, Owner owner, String refusal) {
        try {
            return jdbi.inTransaction(handle -> {
                BillingAccountDao dao = handle.attach(BillingAccountDao.class);
                if (update.applyAsInt(dao) == 0) {
                    throw new Conflict("account_conflict", refusal);
                }
                return toAccount(dao.find(owner.type().wireName(), owner.id()).orElseThrow());
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new Conflict("account_conflict", "the customer already belongs to another owner");
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the row is locked first, so a snapshot being stored concurrently waits and then fails
     * its foreign key instead of blocking the release; then the snapshot goes, then the customer id.
     */
    @Override
    public boolean release(Owner owner, CustomerId customer, Instant now) {
        return jdbi.inTransaction(handle -> {
            BillingAccountDao dao = handle.attach(BillingAccountDao.class);
            String type = owner.type().wireName();
            if (dao.lockLinked(type, owner.id(), customer.value()).isEmpty()) {
                return false;
            }
            dao.forgetSnapshot(customer.value());
            return dao.release(type, owner.id(), customer.value(), utc(now)) == 1;
        });
    }

    @Override
    public BillingAccount update(Owner owner, CustomerProfile profile, SyncState state, Instant now) {
        return jdbi.inTransaction(handle -> {
            BillingAccountDao dao = handle.attach(BillingAccountDao.class);
            int changed = dao.update(owner.type().wireName(), owner.id(), profile.name().orElse(null),
                    profile.email().orElse(null), json(profile.metadata()), state.name().toLowerCase(Locale.ROOT),
                    utc(now));
            if (changed == 0) {
                throw new Conflict("account_missing", "the owner has no billing account");
            }
            return toAccount(dao.find(owner.type().wireName(), owner.id()).orElseThrow());
        });
    }

    @Override
    public Optional<CreationClaim> claimCreation(Owner owner, Instant now, Duration lease) {
        UUID token = UUID.randomUUID();
        Instant until = now.plus(lease);
        return jdbi.withExtension(BillingAccountDao.class, dao -> dao.claimCreation(owner.type().wireName(),
                        owner.id(), token, utc(now), utc(until)))
                .map(generation -> new CreationClaim(owner, token, generation, until));
    }

    @Override
    public BillingAccount linkClaimed(CreationClaim claim, CustomerId customerId, CustomerProfile profile,
            Instant now) {
        Owner owner = claim.owner();
        return linking(dao -> dao.linkAtGeneration(owner.type().wireName(), owner.id(), customerId.value(),
                profile.name().orElse(null), profile.email().orElse(null), json(profile.metadata()), utc(now),
                claim.generation()), owner, "the owner has another customer, or its customer generation moved on");
    }

    @Override
    public void abandon(CreationClaim claim) {
        jdbi.useExtension(BillingAccountDao.class, dao -> dao.abandonClaim(claim.owner().type().wireName(),
                claim.owner().id(), claim.token()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The row is locked first, so a concurrent link or release of this owner waits for the relink to finish.
     */
    @Override
    public Relinked relink(Owner owner, CustomerId customer, Instant now) {
        String type = owner.type().wireName();
        try {
            return jdbi.inTransaction(handle -> {
                BillingAccountDao dao = handle.attach(BillingAccountDao.class);
                BillingAccount current = dao.findForUpdate(type, owner.id()).map(JdbiBillingAccounts::toAccount)
                        .orElseThrow(() -> new Conflict("account_missing", "the owner has no billing account"));
                if (current.customerId().filter(customer::equals).isPresent()) {
                    return new Relinked(current, Optional.empty());
                }
                if (dao.findByCustomer(customer.value()).isPresent()) {
                    throw new Conflict("customer_in_use", "another owner is linked to this customer");
                }
                Optional<CustomerId> previous = current.customerId();
                if (previous.isPresent()) {
                    dao.forgetSnapshot(previous.get().value());
                    dao.release(type, owner.id(), previous.get().value(), utc(now));
                }
                CustomerProfile profile = current.profile();
                dao.link(type, owner.id(), customer.value(), profile.name().orElse(null),
                        profile.email().orElse(null), json(profile.metadata()), utc(now));
                return new Relinked(toAccount(dao.find(type, owner.id()).orElseThrow()), previous);
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new Conflict("customer_in_use", "another owner is linked to this customer");
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static BillingAccount toAccount(BillingAccountRow row) {
        Owner owner = Owner.of(OwnerType.fromWireName(row.ownerType()).orElseThrow(), row.ownerId());
        CustomerProfile profile = new CustomerProfile(Optional.ofNullable(row.profileName()),
                Optional.ofNullable(row.profileEmail()), metadata(row.profileMetadata()));
        return new BillingAccount(owner, Optional.ofNullable(row.customerId()).map(CustomerId::new), profile,
                SyncState.valueOf(row.syncState().toUpperCase(Locale.ROOT)), row.createdAt().toInstant(),
                row.updatedAt().toInstant(), row.customerGeneration());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata is not serialisable", e);
        }
    }

    private static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not a JSON object of strings", e);
        }
    }
}
