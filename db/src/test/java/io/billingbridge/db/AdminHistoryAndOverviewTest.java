package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.admin.OverviewFigures;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditPosition;
import io.billingbridge.core.audit.SequencedAuditEntry;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.EventPosition;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin console's queries: an owner's events and audit entries page by page, and the overview figures. */
class AdminHistoryAndOverviewTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final CustomerId ALICE_CUSTOMER = new CustomerId("cus_alice");

    private Jdbi jdbi;
    private JdbiWebhookLedger ledger;
    private JdbiAuditLog audit;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        ledger = new JdbiWebhookLedger(jdbi);
        audit = new JdbiAuditLog(jdbi);
    }

    private void event(WebhookSource source, String id, WebhookWork work, Instant at) {
        assertThat(ledger.record(source, new VerifiedEvent(id, "x.y", work), at)).isTrue();
    }

    private List<String> allPages(Owner owner, Optional<CustomerId> customer, int limit) {
        List<String> seen = new ArrayList<>();
        Optional<EventPosition> before = Optional.empty();
        while (true) {
            List<WebhookEventRecord> page = ledger.concerning(owner, customer, before, limit);
            page.forEach(e -> seen.add(e.eventId()));
            if (page.size() < limit) {
                return seen;
            }
            before = Optional.of(EventPosition.of(page.get(page.size() - 1)));
        }
    }

    @Test
    void anOwnersEventsArePagedNewestFirstWithoutDuplicatesOrGapsEvenAtTheSameInstant() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Instant at = T0.plusSeconds(i / 3);
            event(WebhookSource.STRIPE, "evt_" + i, new WebhookWork.ResyncCustomer(ALICE_CUSTOMER), at);
            event(WebhookSource.CLERK, "evt_" + i, new WebhookWork.OwnerChanged(ALICE), at);
            expected.add("evt_" + i);
            expected.add("evt_" + i);
        }
        event(WebhookSource.CLERK, "msg_created", new WebhookWork.OwnerCreated(ALICE), T0.minusSeconds(5));
        event(WebhookSource.CLERK, "msg_deleted", new WebhookWork.OwnerDeleted(ALICE), T0.plusSeconds(60));
        expected.add("msg_created");
        expected.add("msg_deleted");

        for (int limit : new int[] {1, 2, 4, 7, 100}) {
            List<String> seen = allPages(ALICE, Optional.of(ALICE_CUSTOMER), limit);
            assertThat(seen).as("limit %d", limit).hasSize(expected.size())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        List<WebhookEventRecord> all = ledger.concerning(ALICE, Optional.of(ALICE_CUSTOMER), Optional.empty(), 100);
        assertThat(all.get(0).eventId()).isEqualTo("msg_deleted");
        assertThat(all.get(all.size() - 1).eventId()).isEqualTo("msg_created");
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).receivedAt()).isBeforeOrEqualTo(all.get(i - 1).receivedAt());
        }
    }

    @Test
    void onlyEventsThatConcernTheOwnerAreListed() {
        event(WebhookSource.STRIPE, "evt_alice", new WebhookWork.ResyncCustomer(ALICE_CUSTOMER), T0);
        event(WebhookSource.STRIPE, "evt_other", new WebhookWork.ResyncCustomer(new CustomerId("cus_other")), T0);
        event(WebhookSource.CLERK, "msg_alice", new WebhookWork.OwnerChanged(ALICE), T0);
        event(WebhookSource.CLERK, "msg_bob", new WebhookWork.OwnerChanged(Owner.user("user_bob")), T0);
        event(WebhookSource.CLERK, "msg_acme", new WebhookWork.OwnerChanged(ACME), T0);
        event(WebhookSource.CLERK, "msg_members", new WebhookWork.MembershipChanged(new OrganizationId("org_acme")), T0);
        event(WebhookSource.CLERK, "msg_user_named_like_org",
                new WebhookWork.MembershipChanged(new OrganizationId("user_alice")), T0);
        event(WebhookSource.STRIPE, "evt_catalog", new WebhookWork.RefreshCatalog(), T0);
        event(WebhookSource.STRIPE, "evt_none", new WebhookWork.Nothing(), T0);

        assertThat(ledger.concerning(ALICE, Optional.of(ALICE_CUSTOMER), Optional.empty(), 50))
                .extracting(WebhookEventRecord::eventId).containsExactlyInAnyOrder("evt_alice", "msg_alice");
        assertThat(ledger.concerning(ALICE, Optional.empty(), Optional.empty(), 50))
                .extracting(WebhookEventRecord::eventId).as("without a customer, no Stripe events")
                .containsExactly("msg_alice");
        assertThat(ledger.concerning(ACME, Optional.empty(), Optional.empty(), 50))
                .extracting(WebhookEventRecord::eventId).containsExactlyInAnyOrder("msg_acme", "msg_members");
    }

    @Test
    void anOwnersAuditEntriesArePagedNewestFirstAndOnlyTheirs() {
        for (int i = 0; i < 7; i++) {
            Instant at = T0.plusSeconds(i / 2);
            audit.record(new AuditEntry(at, "admin:a", Optional.of(ALICE.key()), "admin.account.read", "allowed",
                    "n" + i, Optional.empty()));
            audit.record(new AuditEntry(at, "admin:a", Optional.of(ACME.key()), "admin.account.read", "allowed",
                    "other" + i, Optional.empty()));
            audit.record(new AuditEntry(at, "admin:a", Optional.empty(), "admin.audit.read", "allowed", "rows=1",
                    Optional.empty()));
        }
        List<String> seen = new ArrayList<>();
        Optional<AuditPosition> before = Optional.empty();
        List<SequencedAuditEntry> page;
        do {
            page = audit.about(ALICE, before, 2);
            page.forEach(e -> seen.add(e.entry().detail()));
            before = page.isEmpty() ? before : Optional.of(page.get(page.size() - 1).position());
        } while (page.size() == 2);

        assertThat(seen).containsExactly("n6", "n5", "n4", "n3", "n2", "n1", "n0");
    }

    @Test
    void theOverviewCountsAccountsPerStateAndTheWebhookBacklog() {
        OverviewFigures empty = new JdbiOverviews(jdbi).count();
        assertThat(empty).isEqualTo(new OverviewFigures(0, 0, 0, 0, 0, Optional.empty(), Optional.empty()));

        JdbiBillingAccounts accounts = new JdbiBillingAccounts(jdbi);
        CustomerProfile profile = new CustomerProfile(Optional.of("A"), Optional.empty(), Map.of());
        accounts.reserve(Owner.user("user_pending"), T0);
        accounts.reserve(ALICE, T0);
        accounts.link(ALICE, ALICE_CUSTOMER, profile, T0);
        accounts.reserve(ACME, T0);
        accounts.link(ACME, new CustomerId("cus_acme"), profile, T0);
        accounts.update(ACME, profile, SyncState.DELETED, T0);
        event(WebhookSource.STRIPE, "evt_old", new WebhookWork.Nothing(), T0.minusSeconds(100));
        event(WebhookSource.STRIPE, "evt_new", new WebhookWork.Nothing(), T0);
        event(WebhookSource.STRIPE, "evt_failed", new WebhookWork.Nothing(), T0.minusSeconds(500));
        ledger.markFailed(WebhookSource.STRIPE, "evt_failed", T0.plusSeconds(60), "provider_unavailable");
        event(WebhookSource.STRIPE, "evt_done", new WebhookWork.Nothing(), T0.minusSeconds(900));
        ledger.markProcessed(WebhookSource.STRIPE, "evt_done", T0.plusSeconds(5));

        assertThat(new JdbiOverviews(jdbi).count()).isEqualTo(new OverviewFigures(1, 1, 1, 2, 1,
                Optional.of(T0.minusSeconds(100)), Optional.of(T0.plusSeconds(5))));
    }
}
