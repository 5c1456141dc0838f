package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.webhook.LedgerEntry;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class JdbiWebhookLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final WebhookWork RESYNC_ACME = new WebhookWork.ResyncCustomer(new CustomerId("cus_acme"));

    /** One example of every case of work. */
    private static final List<WebhookWork> EXAMPLES = List.of(
            RESYNC_ACME,
            new WebhookWork.RefreshCatalog(),
            new WebhookWork.OwnerCreated(Owner.user("user_alice")),
            new WebhookWork.OwnerChanged(Owner.organization("org_acme")),
            new WebhookWork.OwnerDeleted(Owner.user("user_alice")),
            new WebhookWork.MembershipChanged(new OrganizationId("org_acme")),
            new WebhookWork.CheckoutCompleted(new CustomerId("cus_acme"), new CheckoutSessionId("cs_test_1")),
            new WebhookWork.InvoicePaymentFailed(new CustomerId("cus_acme"), new InvoiceId("in_1")),
            new WebhookWork.InvoiceActionRequired(new CustomerId("cus_acme"), new InvoiceId("in_2")),
            new WebhookWork.TrialWillEnd(new CustomerId("cus_acme"), new SubscriptionId("sub_1")),
            new WebhookWork.Nothing());

    private static Map<String, WebhookWork> claimedWork(JdbiWebhookLedger ledger) {
        return ledger.claimDue(T0.plusSeconds(60), LEASE, 100).stream()
                .collect(Collectors.toMap(LedgerEntry::eventId, LedgerEntry::work));
    }

    @Test
    void everyCaseOfWorkIsStoredAndClaimedAsItself() {
        assertThat(EXAMPLES).extracting(Object::getClass).map(Class.class::cast)
                .containsExactlyInAnyOrder(WebhookWork.class.getPermittedSubclasses());
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(Databases.jdbi(TestDatabases.freshMigrated()));
        for (WebhookWork work : EXAMPLES) {
            assertThat(ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_" + work.kind(), "x.y", work), T0))
                    .as(work.describe()).isTrue();
        }

        assertThat(claimedWork(ledger).values()).containsExactlyInAnyOrderElementsOf(EXAMPLES);
        assertThat(ledger.list(Optional.empty(), 100)).extracting(WebhookEventRecord::work)
                .containsExactlyInAnyOrderElementsOf(EXAMPLES);
    }

    @Test
    void theCheckoutInvoiceAndTrialEventsOfACustomerAreAmongItsOwnersEvents() {
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(Databases.jdbi(TestDatabases.freshMigrated()));
        for (WebhookWork work : EXAMPLES) {
            ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_" + work.kind(), "x.y", work), T0);
        }
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_other", "checkout.session.completed",
                new WebhookWork.CheckoutCompleted(new CustomerId("cus_other"), new CheckoutSessionId("cs_test_2"))),
                T0);

        assertThat(ledger.concerning(Owner.organization("org_acme"), Optional.of(new CustomerId("cus_acme")),
                Optional.empty(), 100)).extracting(e -> e.work().kind()).containsExactlyInAnyOrder(
                "customer.resync", "owner.changed", "membership.changed", "checkout.completed",
                "invoice.payment_failed", "invoice.action_required", "subscription.trial_will_end");
    }

    @Test
    void eventsRecordedBeforeTheMigrationAreClaimedAsTheWorkTheyAskedFor() {
        DataSource dataSource = TestDatabases.fresh();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("5").load().migrate();
        Jdbi jdbi = Databases.jdbi(dataSource);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhook_events "
                + "(source, event_id, type, subject, status, received_at, next_attempt_at) VALUES "
                + "('stripe', 'evt_paid', 'invoice.paid', 'cus_acme', 'pending', :t, :t), "
                + "('stripe', 'evt_price', 'price.updated', 'price_1', 'pending', :t, :t), "
                + "('stripe', 'evt_product', 'product.created', NULL, 'failed', :t, :t), "
                + "('stripe', 'evt_object', 'invoice.paid', 'in_123', 'pending', :t, :t), "
                + "('stripe', 'evt_nothing', 'balance.available', NULL, 'pending', :t, :t), "
                + "('stripe', 'evt_done', 'invoice.paid', 'cus_acme', 'processed', :t, :t), "
                + "('clerk', 'msg_created', 'user.created', 'user:user_alice', 'pending', :t, :t), "
                + "('clerk', 'msg_org_created', 'organization.created', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_updated', 'user.updated', 'user:user_alice', 'pending', :t, :t), "
                + "('clerk', 'msg_org_updated', 'organization.updated', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_deleted', 'user.deleted', 'user:user_alice', 'pending', :t, :t), "
                + "('clerk', 'msg_org_deleted', 'organization.deleted', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_org_deleted_anon', 'organization.deleted', NULL, 'pending', :t, :t), "
                + "('clerk', 'msg_joined', 'organizationMembership.created', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_role', 'organizationMembership.updated', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_left', 'organizationMembership.deleted', 'organization:org_acme', 'pending', :t, :t), "
                + "('clerk', 'msg_session', 'session.created', NULL, 'pending', :t, :t)")
                .bind("t", T0.atOffset(ZoneOffset.UTC))
                .execute());

        new DatabaseMigrations(dataSource).migrate();
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        Owner alice = Owner.user("user_alice");
        Owner acme = Owner.organization("org_acme");
        WebhookWork members = new WebhookWork.MembershipChanged(new OrganizationId("org_acme"));

        assertThat(claimedWork(ledger)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("evt_paid", RESYNC_ACME),
                Map.entry("evt_price", new WebhookWork.RefreshCatalog()),
                Map.entry("evt_product", new WebhookWork.RefreshCatalog()),
                Map.entry("evt_object", new WebhookWork.Nothing()),
                Map.entry("evt_nothing", new WebhookWork.Nothing()),
                Map.entry("msg_created", new WebhookWork.OwnerCreated(alice)),
                Map.entry("msg_org_created", new WebhookWork.OwnerCreated(acme)),
                Map.entry("msg_updated", new WebhookWork.OwnerChanged(alice)),
                Map.entry("msg_org_updated", new WebhookWork.OwnerChanged(acme)),
                Map.entry("msg_deleted", new WebhookWork.OwnerDeleted(alice)),
                Map.entry("msg_org_deleted", new WebhookWork.OwnerDeleted(acme)),
                Map.entry("msg_org_deleted_anon", new WebhookWork.Nothing()),
                Map.entry("msg_joined", members),
                Map.entry("msg_role", members),
                Map.entry("msg_left", members),
                Map.entry("msg_session", new WebhookWork.Nothing())));
        assertThat(ledger.list(Optional.empty(), 100)).filteredOn(e -> e.eventId().equals("evt_done"))
                .singleElement().satisfies(e -> assertThat(e.work()).isEqualTo(RESYNC_ACME));

        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_new", "invoice.created", RESYNC_ACME), T0);
        assertThat(ledger.claimDue(T0.plus(Duration.ofHours(1)), LEASE, 100))
                .as("an old and a new event about one customer are the same work, so the worker groups them")
                .filteredOn(e -> e.eventId().equals("evt_new") || e.eventId().equals("evt_paid"))
                .extracting(LedgerEntry::work).containsExactly(RESYNC_ACME, RESYNC_ACME);
    }

    @Test
    void theSchemaRefusesAKeyThatDoesNotFitItsKind() {
        Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        for (String kindAndKey : List.of("'customer.resync', 'user:user_alice'", "'customer.resync', NULL",
                "'catalog.refresh', 'price_1'", "'owner.changed', 'cus_acme'", "'membership.changed', 'org:acme'",
                "'invoice.paid', 'cus_acme'")) {
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO webhook_events "
                    + "(source, event_id, type, work_kind, work_key, status, received_at, next_attempt_at) VALUES "
                    + "('stripe', 'evt_bad', 'x.y', " + kindAndKey + ", 'pending', now(), now())")))
                    .as(kindAndKey).isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("webhook_events_work");
        }
    }

    @Test
    void workThisVersionCannotReadIsANamedErrorAndDoesNotHoldUpTheRest() {
        Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        jdbi.useHandle(h -> {
            h.execute("ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_work");
            h.execute("INSERT INTO webhook_events (source, event_id, type, work_kind, work_key, status, received_at, "
                    + "next_attempt_at) VALUES ('stripe', 'evt_future', 'x.y', 'tax.recalculate', 'txr_1', 'pending', "
                    + "'" + T0 + "', '" + T0 + "')");
        });
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_paid", "invoice.paid", RESYNC_ACME), T0);

        assertThat(claimedWork(ledger)).containsOnlyKeys("evt_paid");
        assertThat(ledger.backlog()).as("the unreadable event stays in the ledger").isEqualTo(2);
        assertThatThrownBy(() -> ledger.list(Optional.empty(), 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stripe/evt_future").hasMessageContaining("unknown webhook work kind 'tax.recalculate'");
    }

    @Test
    void concurrentDeliveriesRecordEachEventOnceAndLoseNone() throws Exception {
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(Databases.jdbi(TestDatabases.freshMigrated()));
        int events = 400;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> deliveries = new ArrayList<>();
        try {
            for (int delivery = 0; delivery < 2; delivery++) {
                for (int i = 0; i < events; i++) {
                    VerifiedEvent event = new VerifiedEvent("evt_" + i, "invoice.paid",
                            i % 2 == 0 ? RESYNC_ACME : new WebhookWork.Nothing());
                    deliveries.add(pool.submit(() -> ledger.record(WebhookSource.STRIPE, event, T0)));
                }
            }
            int fresh = 0;
            for (Future<Boolean> d : deliveries) {
                fresh += d.get() ? 1 : 0;
            }
            assertThat(fresh).as("deliveries reported new").isEqualTo(events);
        } finally {
            pool.shutdownNow();
        }

        List<WebhookEventRecord> recorded = ledger.list(Optional.of(WebhookEventStatus.PENDING), 1_000);
        assertThat(recorded).extracting(WebhookEventRecord::eventId).doesNotHaveDuplicates().hasSize(events);
        assertThat(recorded).filteredOn(r -> r.work().equals(RESYNC_ACME)).hasSize(events / 2);
        for (WebhookEventRecord r : recorded) {
            ledger.markProcessed(WebhookSource.STRIPE, r.eventId(), T0.plusSeconds(1));
        }
        assertThat(ledger.list(Optional.of(WebhookEventStatus.PROCESSED), 1_000)).hasSize(events)
                .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
        assertThat(ledger.backlog()).isZero();
    }

    @Test
    void recordingAndMarkingProcessedRenderNoTemplate() {
        Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        jdbi.setTemplateEngine((template, context) -> {
            throw new AssertionError("rendered " + template);
        });
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        WebhookWork work = new WebhookWork.OwnerCreated(Owner.user("user_alice"));

        assertThat(ledger.record(WebhookSource.CLERK, new VerifiedEvent("msg_1", "user.created", work), T0)).isTrue();
        assertThat(ledger.record(WebhookSource.CLERK, new VerifiedEvent("msg_1", "user.created", work), T0))
                .as("a duplicate").isFalse();
        ledger.markProcessed(WebhookSource.CLERK, "msg_1", T0.plusSeconds(1));

        String stored = jdbi.withHandle(h -> h.createQuery("SELECT status || ' ' || work_kind || ' ' || work_key "
                + "FROM webhook_events WHERE event_id = 'msg_1'").setTemplateEngine(TemplateEngine.NOP)
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("processed " + work.kind() + " " + work.key().orElseThrow());
    }
}
