package io.billingbridge.db;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Snapshots} as jsonb rows in {@code customer_snapshots}, in the stored format of {@link SnapshotFormat};
 * an older fetch never overwrites a newer one.
 */
public final class JdbiSnapshots implements Snapshots {
    private final Jdbi jdbi;

    public JdbiSnapshots(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<StoredSnapshot> find(CustomerId customer) {
        return jdbi.withExtension(CustomerSnapshotDao.class, dao -> dao.find(customer.value()))
                .map(row -> new StoredSnapshot(Owner.of(OwnerType.fromWireName(row.ownerType()).orElseThrow(),
                        row.ownerId()), SnapshotFormat.read(row.snapshot()), row.dirty()));
    }

    @Override
    public boolean save(Owner owner, BillingSnapshot snapshot) {
        return jdbi.inTransaction(handle -> {
            CustomerSnapshotDao dao = handle.attach(CustomerSnapshotDao.class);
            Optional<CustomerSnapshotRow> before = dao.findForUpdate(snapshot.customerId().value());
            Optional<BillingSnapshot> previous = before.map(row -> SnapshotFormat.read(row.snapshot()));
            if (previous.isPresent() && previous.get().syncedAt().isAfter(snapshot.syncedAt())) {
                return false;
            }
            boolean changed = previous.map(p -> !p.sameStateAs(snapshot)).orElse(true);
            boolean pending = changed || before.get().listenersPending();
            int written = dao.upsert(snapshot.customerId().value(), owner.type().wireName(), owner.id(),
                    SnapshotFormat.write(snapshot), utc(snapshot.syncedAt()), pending);
            return written == 1 && pending;
        });
    }

    @Override
    public void markListened(CustomerId customer, Instant syncedAt) {
        jdbi.useExtension(CustomerSnapshotDao.class, dao -> dao.markListened(customer.value(), utc(syncedAt)));
    }

    @Override
    public void markDirty(CustomerId customer) {
        jdbi.useExtension(CustomerSnapshotDao.class, dao -> dao.markDirty(customer.value()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
