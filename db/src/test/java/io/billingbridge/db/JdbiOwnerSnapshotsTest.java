package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.OwnerBilling;
import io.billingbridge.db.testing.TestDatabases;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiOwnerSnapshotsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final Owner ALICE = Owner.user("user_alice");
    private static final CustomerId CUSTOMER = new CustomerId("cus_acme");

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();
    private JdbiBillingAccounts accounts;
    private JdbiSnapshots snapshots;
    private JdbiOwnerSnapshots owners;

    @BeforeEach
    void freshDatabase() {
        Jdbi jdbi = Databases.jdbi(counting(TestDatabases.freshMigrated()));
        accounts = new JdbiBillingAccounts(jdbi);
        snapshots = new JdbiSnapshots(jdbi);
        owners = new JdbiOwnerSnapshots(jdbi);
    }

    @Test
    void anOwnerWithoutAnAccountReadsAsNone() {
        assertThat(owners.find(ACME)).isEqualTo(OwnerBilling.none(ACME));
    }

    @Test
    void aReservedOwnerWithoutCustomerHasItsAccountAndNoSnapshot() {
        BillingAccount reserved = accounts.reserve(ACME, T0);
        OwnerBilling read = owners.find(ACME);
        assertThat(read.account()).contains(reserved);
        assertThat(read.stored()).isEmpty();
    }

    @Test
    void aLinkedOwnerReadsItsAccountAndItsCustomersSnapshotTogether() {
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, new CustomerProfile(Optional.of("Acme"), Optional.empty(),
                java.util.Map.of("plan", "team")), T0);
        assertThat(owners.find(ACME).stored()).as("linked, never synced").isEmpty();
        snapshots.save(ACME, JdbiSnapshotsAndLedgerTest.snapshot(T0, 3));

        OwnerBilling read = owners.find(ACME);
        assertThat(read.account()).isEqualTo(accounts.find(ACME));
        assertThat(read.stored()).isEqualTo(snapshots.find(CUSTOMER));
        assertThat(read.stored().orElseThrow().dirty()).isFalse();

        snapshots.markDirty(CUSTOMER);
        assertThat(owners.find(ACME).stored().orElseThrow().dirty()).isTrue();
    }

    @Test
    void eachOwnerReadsOnlyItsOwnCustomersSnapshot() {
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
        snapshots.save(ACME, JdbiSnapshotsAndLedgerTest.snapshot(T0, 3));
        accounts.reserve(ALICE, T0);

        assertThat(owners.find(ALICE).account().orElseThrow().owner()).isEqualTo(ALICE);
        assertThat(owners.find(ALICE).stored()).isEmpty();
    }

    @Test
    void aReleasedCustomersSnapshotIsNoLongerRead() {
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
        snapshots.save(ACME, JdbiSnapshotsAndLedgerTest.snapshot(T0, 3));
        accounts.release(ACME, CUSTOMER, T0.plusSeconds(1));

        OwnerBilling read = owners.find(ACME);
        assertThat(read.account().orElseThrow().customerId()).isEmpty();
        assertThat(read.stored()).isEmpty();
    }

    @Test
    void aDeletedOwnerReadsWithItsDeletedState() {
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
        accounts.update(ACME, CustomerProfile.empty(), SyncState.DELETED, T0.plusSeconds(1));
        assertThat(owners.find(ACME).account().orElseThrow().syncState()).isEqualTo(SyncState.DELETED);
    }

    @Test
    void oneReadIsOneConnectionAndOneStatement() {
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
        snapshots.save(ACME, JdbiSnapshotsAndLedgerTest.snapshot(T0, 3));
        connections.set(0);
        statements.set(0);

        owners.find(ACME);
        owners.find(ACME);

        assertThat(connections).hasValue(2);
        assertThat(statements).hasValue(2);
    }

    /** The data source, counting the connections taken from it and the statements prepared or created on them. */
    private DataSource counting(DataSource real) {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
                Connection connection = (Connection) result;
                return proxy(Connection.class, (c, m, a) -> {
                    if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
                            || m.getName().equals("prepareCall")) {
                        statements.incrementAndGet();
                    }
                    return invoke(connection, m, a);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(JdbiOwnerSnapshotsTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
