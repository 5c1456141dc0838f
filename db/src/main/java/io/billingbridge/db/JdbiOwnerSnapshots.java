package io.billingbridge.db;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.snapshot.OwnerBilling;
import io.billingbridge.core.snapshot.OwnerSnapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link OwnerSnapshots} as one query: the owner's {@code billing_accounts} row left-joined to the
 * {@code customer_snapshots} row of its current customer.
 *
 * <p>The hottest statement of the service (every billing page load), so it is plain JDBC on the handle's
 * connection: no SqlObject proxy, no Jdbi statement parsing; the driver prepares it once per connection.
 */
public final class JdbiOwnerSnapshots implements OwnerSnapshots {
    static final String SQL = "SELECT a.owner_type, a.owner_id, a.customer_id, a.profile_name, a.profile_email, "
            + "a.profile_metadata::text, a.sync_state, a.created_at, a.updated_at, a.customer_generation, "
            + "s.owner_type, s.owner_id, s.snapshot::text, s.dirty "
            + "FROM billing_accounts a LEFT JOIN customer_snapshots s ON s.customer_id = a.customer_id "
            + "WHERE a.owner_type = ? AND a.owner_id = ?";

    private final Jdbi jdbi;

    public JdbiOwnerSnapshots(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public OwnerBilling find(Owner owner) {
        try {
            return jdbi.withHandle(handle -> read(handle.getConnection(), owner));
        } catch (SQLException e) {
            throw new OwnerReadFailed(e);
        }
    }

    private static OwnerBilling read(Connection connection, Owner owner) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, owner.type().wireName());
            statement.setString(2, owner.id());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return OwnerBilling.none(owner);
                }
                BillingAccount account = JdbiBillingAccounts.toAccount(new BillingAccountRow(row.getString(1),
                        row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                        row.getString(7), row.getObject(8, OffsetDateTime.class),
                        row.getObject(9, OffsetDateTime.class), row.getInt(10)));
                Optional<StoredSnapshot> stored = row.getString(13) == null ? Optional.empty()
                        : Optional.of(new StoredSnapshot(
                                Owner.of(OwnerType.fromWireName(row.getString(11)).orElseThrow(), row.getString(12)),
                                SnapshotFormat.read(row.getString(13)), row.getBoolean(14)));
                return new OwnerBilling(owner, Optional.of(account), stored);
            }
        }
    }

    /** A failed read of an owner's account and snapshot; the JDBC cause says why (an outage is recognised by it). */
    static final class OwnerReadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OwnerReadFailed(SQLException cause) {
            super("reading an owner's account and snapshot failed", cause);
        }
    }
}
