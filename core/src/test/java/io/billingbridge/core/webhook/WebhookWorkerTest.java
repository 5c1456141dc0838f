package io.billingbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.DeletionPolicy;
import io.billingbridge.core.account.DirectoryCustomerProfiles;
import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.OrganizationEmail;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemorySeatUpdateBudget;
import io.billingbridge.core.testing.InMemoryWebhookLedger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookWorkerTest {
    private final BillingWorld world = new BillingWorld();
    private final InMemoryWebhookLedger ledger = new InMemoryWebhookLedger();

    static ProcessWebhookEvent processor(BillingWorld world, boolean eagerCustomers) {
        return processor(world, eagerCustomers, new io.billingbridge.core.events.AppEvents(
                new io.billingbridge.core.testing.InMemoryEventOutbox(), java.util.List.of(), world.clock, () -> { }));
    }

    static ProcessWebhookEvent processor(BillingWorld world, boolean eagerCustomers,
            io.billingbridge.core.events.AppEvents appEvents) {
        var profiles = new DirectoryCustomerProfiles(world.directory, OrganizationEmail.NONE);
        return new ProcessWebhookEvent(world.accounts, world.snapshots, world.sync, world.catalog, world.ensureCustomer,
                new SyncCustomerProfile(world.accounts, world.payments, profiles, world.clock),
                new HandleOwnerDeleted(world.accounts, world.payments, DeletionPolicy.KEEP, world.clock),
                new SyncSeats(world.accounts, new SeatCounter(world.directory), world.payments, world.sync,
                        new QuantityRule.Fixed(1), new InMemorySeatUpdateBudget(), world.clock),
                eagerCustomers, new io.billingbridge.core.events.RecordPaymentEvents(world.payments, world.accounts,
                        appEvents));
    }

    private WebhookWorker worker() {
        return worker(false);
    }

    private WebhookWorker worker(boolean eagerCustomers) {
        return new WebhookWorker(ledger, processor(world, eagerCustomers), world.clock, world.signals);
    }

    private void record(WebhookSource source, String eventId, String type, WebhookWork work) {
        ledger.record(source, new VerifiedEvent(eventId, type, work), world.clock.instant());
    }

    private CustomerId customerOfAlice() {
        world.directory.user("user_alice", "Alice", null);
        return world.ensureCustomer.ensure(Owner.user("user_alice")).customerId().orElseThrow();
    }

    @Test
    void failedProcessingStaysInTheLedgerAndSucceedsLater() {
        CustomerId customer = customerOfAlice();
        record(WebhookSource.STRIPE, "evt_1", "invoice.paid", new WebhookWork.ResyncCustomer(customer));
        world.payments.down.set(true);

        assertThat(worker().drain()).isZero();
        assertThat(ledger.pending()).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(ledger.dueAt(WebhookSource.STRIPE, "evt_1")).as("provider asked for 2 s")
                .isEqualTo(world.clock.instant().plusSeconds(2));

        world.payments.down.set(false);
        ledger.makeAllDue(world.clock.instant());
        assertThat(worker().drain()).isEqualTo(1);
        assertThat(ledger.processed).containsExactly("STRIPE/evt_1");
        assertThat(world.snapshots.find(customer)).isPresent();
        assertThat(world.signals.lines).filteredOn(line -> line.startsWith("webhook_")).containsExactly(
                "webhook_failed STRIPE invoice.paid provider_unavailable", "webhook_processed STRIPE invoice.paid");
    }

    @Test
    void aSuccessTheLedgerCouldNotRecordIsRecordedOnTheNextDrainWithoutProcessingTheEventAgain() {
        CustomerId customer = customerOfAlice();
        record(WebhookSource.STRIPE, "evt_1", "invoice.paid", new WebhookWork.ResyncCustomer(customer));
        WebhookWorker worker = worker();
        ledger.refuseOutcomes.set(true);

        assertThat(worker.drain()).isEqualTo(1);
        assertThat(ledger.processed).isEmpty();
        int stripeCalls = world.payments.calls.size();

        ledger.refuseOutcomes.set(false);
        assertThat(worker.drain()).as("nothing due: the event is still leased").isZero();
        assertThat(ledger.processed).containsExactly("STRIPE/evt_1");
        assertThat(ledger.pending()).isEmpty();
        assertThat(world.payments.calls).as("not processed again").hasSize(stripeCalls);
    }

    @Test
    void aFailureTheLedgerCouldNotRecordIsRecordedOnTheNextDrainWithItsBackoffNotTheLease() {
        CustomerId customer = customerOfAlice();
        record(WebhookSource.STRIPE, "evt_1", "invoice.paid", new WebhookWork.ResyncCustomer(customer));
        WebhookWorker worker = worker();
        world.payments.down.set(true);
        ledger.refuseOutcomes.set(true);

        assertThat(worker.drain()).isZero();
        ledger.refuseOutcomes.set(false);
        worker.drain();

        assertThat(ledger.pending()).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(ledger.dueAt(WebhookSource.STRIPE, "evt_1")).as("provider asked for 2 s, not the 2 min lease")
                .isEqualTo(world.clock.instant().plusSeconds(2));
    }

    @Test
    void keptOutcomesStayKeptWhileTheLedgerStillRefusesThem() {
        CustomerId customer = customerOfAlice();
        record(WebhookSource.STRIPE, "evt_1", "invoice.paid", new WebhookWork.ResyncCustomer(customer));
        WebhookWorker worker = worker();
        ledger.refuseOutcomes.set(true);
        worker.drain();

        assertThatThrownBy(worker::drain).isInstanceOf(IllegalStateException.class);
        ledger.refuseOutcomes.set(false);
        worker.drain();

        assertThat(ledger.processed).containsExactly("STRIPE/evt_1");
    }

    @Test
    void eventsForCustomersNotOursOrDeletedOwnersAreDone() {
        record(WebhookSource.STRIPE, "evt_foreign", "invoice.paid",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_someoneelse")));
        record(WebhookSource.CLERK, "msg_1", "user.updated", new WebhookWork.OwnerChanged(Owner.user("user_gone")));
        assertThat(worker().drain()).isEqualTo(2);
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void catalogEventsRefreshTheCatalog() {
        world.catalog.purchasable(OwnerType.USER);
        record(WebhookSource.STRIPE, "evt_p", "price.updated", new WebhookWork.RefreshCatalog());
        worker().drain();
        world.catalog.purchasable(OwnerType.USER);
        assertThat(world.payments.calls).containsExactly("prices.list", "prices.list");
    }

    @Test
    void aDozenEventsForOneCustomerCostOneSync() {
        CustomerId customer = customerOfAlice();
        for (String type : List.of("checkout.session.completed", "customer.subscription.created", "invoice.created",
                "invoice.finalized", "invoice.paid", "payment_intent.succeeded", "charge.succeeded",
                "payment_method.attached", "customer.updated", "invoice.payment_succeeded",
                "customer.subscription.updated", "entitlements.active_entitlement_summary.updated")) {
            record(WebhookSource.STRIPE, "evt_" + type, type, new WebhookWork.ResyncCustomer(customer));
        }
        record(WebhookSource.STRIPE, "evt_price", "price.updated", new WebhookWork.RefreshCatalog());

        assertThat(worker().drain()).isEqualTo(13);
        assertThat(world.payments.snapshotFetches.get()).isEqualTo(1);
        assertThat(ledger.backlog()).isZero();
    }

    @Test
    void equalIdentityWorkInOneBatchIsDoneOnceAndEveryEventIsMarkedDone() {
        world.directory.organization("org_acme", "Acme", "user_alice", "user_bob");
        Owner acme = Owner.organization("org_acme");
        world.ensureCustomer.ensure(acme);
        record(WebhookSource.CLERK, "msg_1", "organizationMembership.created",
                new WebhookWork.MembershipChanged(new OrganizationId("org_acme")));
        record(WebhookSource.CLERK, "msg_2", "organizationMembership.updated",
                new WebhookWork.MembershipChanged(new OrganizationId("org_acme")));
        record(WebhookSource.CLERK, "msg_3", "organization.updated", new WebhookWork.OwnerChanged(acme));
        record(WebhookSource.CLERK, "msg_4", "session.created", new WebhookWork.Nothing());

        assertThat(worker().drain()).isEqualTo(4);
        assertThat(world.payments.snapshotFetches.get()).as("one seat sync for both membership events").isEqualTo(1);
        assertThat(ledger.processed).containsExactly("CLERK/msg_1", "CLERK/msg_2", "CLERK/msg_3", "CLERK/msg_4");
    }

    @Test
    void aFailedSharedSyncLeavesEveryEventOfTheGroupForRetry() {
        CustomerId customer = customerOfAlice();
        record(WebhookSource.STRIPE, "evt_a", "invoice.paid", new WebhookWork.ResyncCustomer(customer));
        record(WebhookSource.STRIPE, "evt_b", "invoice.created", new WebhookWork.ResyncCustomer(customer));
        world.payments.down.set(true);

        assertThat(worker().drain()).isZero();
        assertThat(ledger.pending()).extracting(LedgerEntry::attempts).containsExactly(1, 1);
    }

    @Test
    void newUsersGetACustomerOnlyWhenEager() {
        world.directory.user("user_new", "New", null);
        record(WebhookSource.CLERK, "msg_lazy", "user.created", new WebhookWork.OwnerCreated(Owner.user("user_new")));
        worker(false).drain();
        assertThat(world.accounts.find(Owner.user("user_new"))).isEmpty();

        record(WebhookSource.CLERK, "msg_eager", "user.created", new WebhookWork.OwnerCreated(Owner.user("user_new")));
        worker(true).drain();
        assertThat(world.accounts.find(Owner.user("user_new")).orElseThrow().customerId()).isPresent();
    }

    @Test
    void backoffDoublesUpToAnHour() {
        assertThat(WebhookWorker.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookWorker.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookWorker.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(WebhookWorker.backoff(40)).isEqualTo(Duration.ofHours(1));
    }
}
