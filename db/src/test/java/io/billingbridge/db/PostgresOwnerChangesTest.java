package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.OwnerChangeListener;
import io.billingbridge.db.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresOwnerChangesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final Owner CAROL = Owner.user("user_carol");
    private static final CustomerId CUSTOMER = new CustomerId("cus_acme");

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final OwnerChangeListener recording = new OwnerChangeListener() {
        @Override
        public void ownerChanged(String ownerKey) {
            heard.add("changed " + ownerKey);
        }

        @Override
        public void feedLive() {
            heard.add("live");
        }

        @Override
        public void feedLost() {
            heard.add("lost");
        }
    };
    private DataSource dataSource;
    private Jdbi jdbi;
    private PostgresOwnerChanges feed;

    @BeforeEach
    void listening() throws InterruptedException {
        dataSource = TestDatabases.freshMigrated();
        jdbi = Databases.jdbi(dataSource);
        feed = new PostgresOwnerChanges(dataSource::getConnection, recording, Duration.ofMillis(200),
                Duration.ofMillis(100));
        feed.start();
        assertThat(next()).isEqualTo("live");
    }

    @AfterEach
    void stop() throws InterruptedException {
        feed.close();
    }

    @Test
    void everyCommittedWriteToAnAccountOrSnapshotIsAnnouncedWithTheOwnersKey() throws InterruptedException {
        JdbiBillingAccounts accounts = new JdbiBillingAccounts(jdbi);
        accounts.reserve(ACME, T0);
        assertThat(next()).isEqualTo("changed organization:org_acme");
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
        assertThat(next()).isEqualTo("changed organization:org_acme");

        JdbiSnapshots snapshots = new JdbiSnapshots(jdbi);
        snapshots.save(ACME, JdbiSnapshotsAndLedgerTest.snapshot(T0, 3));
        assertThat(next()).isEqualTo("changed organization:org_acme");
        snapshots.markDirty(CUSTOMER);
        assertThat(next()).isEqualTo("changed organization:org_acme");

        accounts.reserve(CAROL, T0);
        assertThat(next()).isEqualTo("changed user:user_carol");
    }

    @Test
    void aRolledBackWriteAnnouncesNothingAndACommittedOneOnlyAtCommit() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            insertAccount(connection, "user_rolled_back");
            connection.rollback();
            insertAccount(connection, "user_committed");
            assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).as("nothing before the commit").isNull();
            connection.commit();
        }
        assertThat(next()).isEqualTo("changed user:user_committed");
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void emptyingATableAnnouncesEveryOwner() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE customer_snapshots");
        }
        assertThat(next()).isEqualTo("changed *");
    }

    @Test
    void aLostConnectionIsReportedAtOnceAndTheFeedComesBackLiveAndHearsAgain() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    + "AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')");
        }
        assertThat(next()).isEqualTo("lost");
        assertThat(next()).isEqualTo("live");

        new JdbiBillingAccounts(jdbi).reserve(CAROL, T0);
        assertThat(next()).isEqualTo("changed user:user_carol");
    }

    @Test
    void stoppingTheFeedReportsItLost() throws InterruptedException {
        feed.close();
        List<String> rest = new ArrayList<>();
        heard.drainTo(rest);
        assertThat(rest).containsExactly("lost");
    }

    @Test
    void aDeliveryCheckSentByAnyoneIsCountedAndNeverTakenForAnOwnerChange() throws Exception {
        long before = feed.pingsHeard();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_notify('billing_owner', 'ping:operator')");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.pingsHeard() == before && System.nanoTime() < deadline) {
            assertThat(heard.poll(50, TimeUnit.MILLISECONDS)).as("a check is no owner change").isNull();
        }
        assertThat(feed.pingsHeard()).isEqualTo(before + 1);
        assertThat(heard).isEmpty();
    }

    @Test
    void aFeedWhoseNotificationsDoNotArriveNeverGoesLive() throws InterruptedException {
        feed.close();
        heard.clear();
        DataSource elsewhere = TestDatabases.freshMigrated();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        // The listening connection and the one sending the check reach different databases, as a pooler in
        // transaction mode would hand them different sessions: the check never arrives.
        PostgresOwnerChanges misrouted = new PostgresOwnerChanges(
                () -> opened.getAndIncrement() % 2 == 0 ? dataSource.getConnection() : elsewhere.getConnection(),
                recording, Duration.ofMillis(200), Duration.ofSeconds(30));
        misrouted.start();
        try {
            assertThat(heard.poll(15, TimeUnit.SECONDS)).isEqualTo("lost");
            assertThat(heard).doesNotContain("live");
        } finally {
            misrouted.close();
        }
    }

    private String next() throws InterruptedException {
        String event = heard.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("something heard within 10 s").isNotNull();
        return event;
    }

    private static void insertAccount(Connection connection, String userId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO billing_accounts (owner_type, owner_id, sync_state, created_at, updated_at) "
                    + "VALUES ('user', '" + userId + "', 'pending', now(), now())");
        }
    }
}
