package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Snapshots} as jsonb rows in {@code customer_snapshots}; an older fetch never overwrites a newer one. */
public final class JdbiSnapshots implements Snapshots {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Jdbi jdbi;

    public JdbiSnapshots(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<StoredSnapshot> find(CustomerId customer) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT owner_type, owner_id, snapshot::text AS snapshot, dirty FROM customer_snapshots WHERE customer_id = :c")
                .bind("c", customer.value())
                .map((rs, ctx) -> new StoredSnapshot(
                        Owner.of(OwnerType.fromWireName(rs.getString("owner_type")).orElseThrow(), rs.getString("owner_id")),
                        read(rs.getString("snapshot")), rs.getBoolean("dirty")))
                .findOne());
    }

    @Override
    public boolean save(Owner owner, BillingSnapshot snapshot) {
        return jdbi.inTransaction(h -> {
            Optional<StoredRow> before = h.createQuery(
                            "SELECT snapshot::text AS snapshot, listeners_pending FROM customer_snapshots "
                                    + "WHERE customer_id = :c FOR UPDATE")
                    .bind("c", snapshot.customerId().value())
                    .map((rs, ctx) -> new StoredRow(read(rs.getString("snapshot")), rs.getBoolean("listeners_pending")))
                    .findOne();
            if (before.isPresent() && before.get().snapshot().syncedAt().isAfter(snapshot.syncedAt())) {
                return false;
            }
            boolean changed = before.map(b -> !b.snapshot().sameStateAs(snapshot)).orElse(true);
            boolean pending = changed || before.get().listenersPending();
            int written = h.createUpdate("INSERT INTO customer_snapshots (customer_id, owner_type, owner_id, snapshot, "
                            + "synced_at, dirty, listeners_pending) "
                            + "VALUES (:c, :type, :id, CAST(:snapshot AS jsonb), :at, false, :pending) "
                            + "ON CONFLICT (customer_id) DO UPDATE SET snapshot = excluded.snapshot, "
                            + "synced_at = excluded.synced_at, dirty = false, "
                            + "listeners_pending = customer_snapshots.listeners_pending OR excluded.listeners_pending "
                            + "WHERE customer_snapshots.synced_at <= excluded.synced_at")
                    .bind("c", snapshot.customerId().value())
                    .bind("type", owner.type().wireName())
                    .bind("id", owner.id())
                    .bind("snapshot", write(snapshot))
                    .bind("at", snapshot.syncedAt().atOffset(ZoneOffset.UTC))
                    .bind("pending", pending)
                    .execute();
            return written == 1 && pending;
        });
    }

    @Override
    public void markListened(CustomerId customer, Instant syncedAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE customer_snapshots SET listeners_pending = false "
                        + "WHERE customer_id = :c AND synced_at = :at")
                .bind("c", customer.value())
                .bind("at", syncedAt.atOffset(ZoneOffset.UTC))
                .execute());
    }

    private record StoredRow(BillingSnapshot snapshot, boolean listenersPending) {
    }

    @Override
    public void markDirty(CustomerId customer) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE customer_snapshots SET dirty = true WHERE customer_id = :c")
                .bind("c", customer.value())
                .execute());
    }

    private static String write(BillingSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot is not serialisable", e);
        }
    }

    private static BillingSnapshot read(String json) {
        try {
            return JSON.readValue(json, BillingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot does not match the snapshot model", e);
        }
    }
}
