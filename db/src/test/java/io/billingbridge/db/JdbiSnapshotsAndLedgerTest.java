package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.webhook.LedgerEntry;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiSnapshotsAndLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final CustomerId CUSTOMER = new CustomerId("cus_acme");
    private static final WebhookWork RESYNC_ACME = new WebhookWork.ResyncCustomer(CUSTOMER);

    private Jdbi jdbi;
    private JdbiBillingAccounts accounts;
    private JdbiSnapshots snapshots;
    private JdbiWebhookLedger ledger;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        accounts = new JdbiBillingAccounts(jdbi);
        snapshots = new JdbiSnapshots(jdbi);
        ledger = new JdbiWebhookLedger(jdbi);
        accounts.reserve(ACME, T0);
        accounts.link(ACME, CUSTOMER, CustomerProfile.empty(), T0);
    }

    static BillingSnapshot snapshot(Instant at, long seats) {
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_team", Optional.of("team_monthly"),
                "prod_team", "Team", seats, Optional.of(new Money(1200, "usd")), Optional.of("month"),
                Optional.of(T0), Optional.of(T0.plus(Duration.ofDays(30))), Optional.of("seats"));
        return new BillingSnapshot(CUSTOMER,
                List.of(new SubscriptionView("sub_1", "active", List.of(item), false, Optional.empty(), Optional.empty(), T0)),
                List.of(new InvoiceView("in_1", Optional.of("A-0001"), "paid", new Money(3600, "usd"),
                        new Money(3600, "usd"), T0, Optional.of(URI.create("http://127.0.0.1:12111/invoice/in_1")),
                        Optional.of("sub_1"))),
                List.of(),
                List.of(new PaymentMethodView("pm_1", "card", Optional.of("visa"), Optional.of("4242"), Optional.of(12),
                        Optional.of(2030), true)),
                List.of(new EntitlementView("feat_1", "dashboard")),
                at);
    }

    @Test
    void snapshotRoundTripsAndReportsChanges() {
        assertThat(snapshots.find(CUSTOMER)).isEmpty();
        assertThat(snapshots.save(ACME, snapshot(T0, 3))).as("first save is a change").isTrue();
        assertThat(snapshots.find(CUSTOMER).orElseThrow().snapshot()).isEqualTo(snapshot(T0, 3));
        snapshots.markListened(CUSTOMER, T0);
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(5), 3))).as("same state, later fetch").isFalse();
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(9), 4))).isTrue();
        assertThat(snapshots.find(CUSTOMER).orElseThrow().snapshot().subscriptions().get(0).items().get(0).quantity())
                .isEqualTo(4);
    }

    @Test
    void listenersStayPendingUntilMarkedForTheStoredState() {
        assertThat(snapshots.save(ACME, snapshot(T0, 3))).isTrue();
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(1), 3))).as("unchanged, but listeners pending").isTrue();
        snapshots.markListened(CUSTOMER, T0);
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(2), 3))).as("marked for an older fetch only").isTrue();
        snapshots.markListened(CUSTOMER, T0.plusSeconds(2));
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(3), 3))).isFalse();
        assertThat(snapshots.save(ACME, snapshot(T0.plusSeconds(4), 4))).isTrue();
    }

    @Test
    void olderFetchNeverOverwritesNewer() {
        snapshots.save(ACME, snapshot(T0.plusSeconds(10), 5));
        assertThat(snapshots.save(ACME, snapshot(T0, 2))).isFalse();
        assertThat(snapshots.find(CUSTOMER).orElseThrow().snapshot().syncedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void dirtyMarkIsClearedBySave() {
        snapshots.save(ACME, snapshot(T0, 3));
        snapshots.markDirty(CUSTOMER);
        assertThat(snapshots.find(CUSTOMER).orElseThrow().dirty()).isTrue();
        snapshots.save(ACME, snapshot(T0.plusSeconds(1), 3));
        assertThat(snapshots.find(CUSTOMER).orElseThrow().dirty()).isFalse();
    }

    @Test
    void ledgerDeduplicatesByEventId() {
        VerifiedEvent paid = new VerifiedEvent("evt_1", "invoice.paid", RESYNC_ACME);
        assertThat(ledger.record(WebhookSource.STRIPE, paid, T0)).isTrue();
        assertThat(ledger.record(WebhookSource.STRIPE, paid, T0)).isFalse();
        assertThat(ledger.record(WebhookSource.CLERK, new VerifiedEvent("evt_1", "user.updated",
                new WebhookWork.OwnerChanged(Owner.user("user_1"))), T0))
                .as("ids are per source").isTrue();
        assertThat(ledger.backlog()).isEqualTo(2);
    }

    @Test
    void claimedEventsAreLeasedAndFailedOnesComeBackWhenDue() {
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_1", "invoice.paid", RESYNC_ACME), T0);
        List<LedgerEntry> first = ledger.claimDue(T0, Duration.ofMinutes(2), 10);
        assertThat(first).extracting(LedgerEntry::eventId).containsExactly("evt_1");
        assertThat(ledger.claimDue(T0.plusSeconds(1), Duration.ofMinutes(2), 10)).as("leased").isEmpty();

        ledger.markFailed(WebhookSource.STRIPE, "evt_1", T0.plusSeconds(30), "provider_unavailable");
        assertThat(ledger.claimDue(T0.plusSeconds(29), Duration.ofMinutes(2), 10)).isEmpty();
        List<LedgerEntry> retried = ledger.claimDue(T0.plusSeconds(30), Duration.ofMinutes(2), 10);
        assertThat(retried).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));

        ledger.markProcessed(WebhookSource.STRIPE, "evt_1", T0.plusSeconds(31));
        assertThat(ledger.claimDue(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(2), 10)).isEmpty();
        assertThat(ledger.backlog()).isZero();
    }

    @Test
    void ledgerListsNewestFirstByStatusAndRetriesOnlyFailedEvents() {
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_old", "invoice.paid", RESYNC_ACME), T0);
        ledger.record(WebhookSource.CLERK, new VerifiedEvent("evt_new", "session.created", new WebhookWork.Nothing()),
                T0.plusSeconds(1));
        ledger.markFailed(WebhookSource.STRIPE, "evt_old", T0.plus(Duration.ofHours(1)), "provider_unavailable");

        assertThat(ledger.list(Optional.empty(), 10)).extracting(WebhookEventRecord::eventId)
                .containsExactly("evt_new", "evt_old");
        assertThat(ledger.list(Optional.empty(), 1)).hasSize(1);
        WebhookEventRecord failed = ledger.list(Optional.of(WebhookEventStatus.FAILED), 10).get(0);
        assertThat(failed.eventId()).isEqualTo("evt_old");
        assertThat(failed.work()).isEqualTo(RESYNC_ACME);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastErrorCode()).contains("provider_unavailable");
        assertThat(failed.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(ledger.list(Optional.of(WebhookEventStatus.PROCESSED), 10)).isEmpty();

        assertThat(ledger.retryNow(WebhookSource.CLERK, "evt_new", T0)).as("pending, not failed").isFalse();
        assertThat(ledger.retryNow(WebhookSource.CLERK, "evt_old", T0)).as("ids are per source").isFalse();
        assertThat(ledger.retryNow(WebhookSource.STRIPE, "evt_old", T0.plusSeconds(2))).isTrue();
        assertThat(ledger.claimDue(T0.plusSeconds(2), Duration.ofMinutes(2), 10)).extracting(LedgerEntry::eventId)
                .contains("evt_old");
    }

    @Test
    void activeAccountsArePagedInOwnerOrder() {
        for (String id : List.of("user_a", "user_b", "user_c")) {
            Owner user = Owner.user(id);
            accounts.reserve(user, T0);
            accounts.link(user, new CustomerId("cus_" + id.substring(5)), CustomerProfile.empty(), T0);
        }
        accounts.reserve(Owner.user("user_pending"), T0);

        List<io.billingbridge.core.account.BillingAccount> first = accounts.active(Optional.empty(), 2);
        assertThat(first).extracting(a -> a.owner().key()).containsExactly("organization:org_acme", "user:user_a");
        assertThat(accounts.active(Optional.of(first.get(1).owner()), 10)).extracting(a -> a.owner().key())
                .containsExactly("user:user_b", "user:user_c");
    }

    @Test
    void concurrentClaimsNeverHandOutAnEventTwice() throws Exception {
        for (int i = 0; i < 40; i++) {
            ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_" + i, "invoice.paid", RESYNC_ACME), T0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger claimed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<LedgerEntry> got;
                    while (!(got = ledger.claimDue(T0, Duration.ofMinutes(2), 3)).isEmpty()) {
                        claimed.addAndGet(got.size());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasValue(40);
    }

    @Test
    void auditLogKeepsNewestFirst() {
        JdbiAuditLog audit = new JdbiAuditLog(jdbi);
        audit.record(new AuditEntry(T0, "user_1", Optional.of("organization:org_acme"), "checkout.create", "allowed",
                "cs_1", Optional.of("req-1")));
        audit.record(new AuditEntry(T0.plusSeconds(1), "user_2", Optional.empty(), "portal.create", "denied",
                "no_active_organization", Optional.empty()));
        assertThat(audit.latest(10)).extracting(AuditEntry::actor).containsExactly("user_2", "user_1");
        assertThat(audit.latest(10).get(1).requestId()).contains("req-1");
    }
}
