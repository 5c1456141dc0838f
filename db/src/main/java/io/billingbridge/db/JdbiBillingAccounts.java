package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link BillingAccounts} in PostgreSQL; the primary key and unique customer id keep one customer per owner. */
public final class JdbiBillingAccounts implements BillingAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIQUE_VIOLATION = "23505";
    /** First key of the two-key advisory lock, so our owner locks never collide with anyone else's. */
    private static final int OWNER_LOCK_NAMESPACE = 0x6262_0001;

    private final Jdbi jdbi;
    private final ReentrantLock[] localLocks = new ReentrantLock[64];

    public JdbiBillingAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (int i = 0; i < localLocks.length; i++) {
            localLocks[i] = new ReentrantLock();
        }
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
        try {
            return jdbi.inTransaction(handle -> {
                BillingAccountDao dao = handle.attach(BillingAccountDao.class);
                int changed = dao.link(owner.type().wireName(), owner.id(), customerId.value(),
                        profile.name().orElse(null), profile.email().orElse(null), json(profile.metadata()), utc(now));
                if (changed == 0) {
                    throw new Conflict("account_conflict", "the owner has no reserved account or another customer");
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

    /**
     * {@inheritDoc}
     *
     * <p>Threads of this instance queue on an in-process lock first, so only one connection per owner waits on
     * PostgreSQL's advisory lock: a burst of requests for one owner cannot drain the connection pool that the
     * lock holder itself needs.
     */
    @Override
    public <T> T whileLocked(Owner owner, Supplier<T> work) {
        ReentrantLock local = localLocks[Math.floorMod(owner.key().hashCode(), localLocks.length)];
        local.lock();
        try {
            return jdbi.inTransaction(handle -> {
                handle.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", OWNER_LOCK_NAMESPACE, owner.key());
                return work.get();
            });
        } finally {
            local.unlock();
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
