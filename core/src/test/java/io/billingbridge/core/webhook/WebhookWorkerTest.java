package io.billingbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.DeletionPolicy;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.account.DirectoryCustomerProfiles;
import io.billingbridge.core.account.OrganizationEmail;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.testing.BillingWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookWorkerTest {
    private final BillingWorld world = new BillingWorld();
    private final InMemoryLedger ledger = new InMemoryLedger();

    /** A ledger in memory that remembers what happened to each event. */
    static final class InMemoryLedger implements WebhookLedger {
        final Map<String, LedgerEntry> pending = new java.util.LinkedHashMap<>();
        final List<String> processed = new ArrayList<>();
        final Map<String, Instant> retryAt = new java.util.HashMap<>();

        @Override
        public boolean record(WebhookSource source, String eventId, String type, Optional<String> subject, Instant now) {
            if (pending.containsKey(eventId) || processed.contains(eventId)) {
                return false;
            }
            pending.put(eventId, new LedgerEntry(source, eventId, type, subject, now, 0));
            retryAt.put(eventId, now);
            return true;
        }

        @Override
        public List<LedgerEntry> claimDue(Instant now, Duration lease, int limit) {
            List<LedgerEntry> due = pending.values().stream().filter(e -> !retryAt.get(e.eventId()).isAfter(now))
                    .limit(limit).toList();
            due.forEach(e -> retryAt.put(e.eventId(), now.plus(lease)));
            return due;
        }

        @Override
        public void markProcessed(WebhookSource source, String eventId, Instant now) {
            pending.remove(eventId);
            processed.add(eventId);
        }

        @Override
        public void markFailed(WebhookSource source, String eventId, Instant retry, String errorCode) {
            LedgerEntry e = pending.get(eventId);
            pending.put(eventId, new LedgerEntry(e.source(), e.eventId(), e.type(), e.subject(), e.receivedAt(),
                    e.attempts() + 1));
            retryAt.put(eventId, retry);
        }

        @Override
        public List<WebhookEventRecord> list(Optional<WebhookEventStatus> status, int limit) {
            return List.of();
        }

        @Override
        public boolean retryNow(WebhookSource source, String eventId, Instant now) {
            boolean known = pending.containsKey(eventId);
            if (known) {
                retryAt.put(eventId, now);
            }
            return known;
        }

        @Override
        public long backlog() {
            return pending.size();
        }
    }

    private WebhookWorker worker() {
        return worker(false);
    }

    private WebhookWorker worker(boolean eagerCustomers) {
        var profiles = new DirectoryCustomerProfiles(world.directory, OrganizationEmail.NONE);
        ProcessWebhookEvent processor = new ProcessWebhookEvent(world.accounts, world.snapshots, world.sync,
                world.catalog, world.ensureCustomer,
                new SyncCustomerProfile(world.accounts, world.payments, profiles, world.clock),
                new HandleOwnerDeleted(world.accounts, world.payments, DeletionPolicy.KEEP, world.clock),
                new SyncSeats(world.accounts, new SeatCounter(world.directory), world.payments, world.sync,
                        new QuantityRule.Fixed(1), new io.billingbridge.core.testing.InMemorySeatUpdateBudget(), world.clock),
                eagerCustomers);
        return new WebhookWorker(ledger, processor, world.clock);
    }

    @Test
    void failedProcessingStaysInTheLedgerAndSucceedsLater() {
        world.directory.user("user_alice", "Alice", null);
        String customer = world.ensureCustomer.ensure(Owner.user("user_alice")).customerId().orElseThrow().value();
        ledger.record(WebhookSource.STRIPE, "evt_1", "invoice.paid", Optional.of(customer), world.clock.instant());
        world.payments.down.set(true);

        assertThat(worker().drain()).isZero();
        assertThat(ledger.pending).containsKey("evt_1");
        assertThat(ledger.pending.get("evt_1").attempts()).isEqualTo(1);
        assertThat(ledger.retryAt.get("evt_1")).as("provider asked for 2 s").isEqualTo(world.clock.instant().plusSeconds(2));

        world.payments.down.set(false);
        ledger.retryAt.put("evt_1", world.clock.instant());
        assertThat(worker().drain()).isEqualTo(1);
        assertThat(ledger.processed).containsExactly("evt_1");
        assertThat(world.snapshots.find(new io.billingbridge.core.account.CustomerId(customer))).isPresent();
    }

    @Test
    void eventsForCustomersNotOursOrDeletedOwnersAreDone() {
        ledger.record(WebhookSource.STRIPE, "evt_foreign", "invoice.paid", Optional.of("cus_someoneelse"),
                world.clock.instant());
        ledger.record(WebhookSource.CLERK, "msg_1", "user.updated", Optional.of("user:user_gone"), world.clock.instant());
        assertThat(worker().drain()).isEqualTo(2);
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void priceEventsRefreshTheCatalog() {
        world.catalog.purchasable(io.billingbridge.core.owner.OwnerType.USER);
        ledger.record(WebhookSource.STRIPE, "evt_p", "price.updated", Optional.of("price_1"), world.clock.instant());
        worker().drain();
        world.catalog.purchasable(io.billingbridge.core.owner.OwnerType.USER);
        assertThat(world.payments.calls).containsExactly("prices.list", "prices.list");
    }

    @Test
    void aDozenEventsForOneCustomerCostOneSync() {
        world.directory.user("user_alice", "Alice", null);
        String customer = world.ensureCustomer.ensure(Owner.user("user_alice")).customerId().orElseThrow().value();
        for (String type : List.of("checkout.session.completed", "customer.subscription.created", "invoice.created",
                "invoice.finalized", "invoice.paid", "payment_intent.succeeded", "charge.succeeded",
                "payment_method.attached", "customer.updated", "invoice.payment_succeeded",
                "customer.subscription.updated", "entitlements.active_entitlement_summary.updated")) {
            ledger.record(WebhookSource.STRIPE, "evt_" + type, type, Optional.of(customer), world.clock.instant());
        }
        ledger.record(WebhookSource.STRIPE, "evt_price", "price.updated", Optional.of("price_1"), world.clock.instant());

        assertThat(worker().drain()).isEqualTo(13);
        assertThat(world.payments.snapshotFetches.get()).isEqualTo(1);
        assertThat(ledger.backlog()).isZero();
    }

    @Test
    void aFailedSharedSyncLeavesEveryEventOfTheGroupForRetry() {
        world.directory.user("user_alice", "Alice", null);
        String customer = world.ensureCustomer.ensure(Owner.user("user_alice")).customerId().orElseThrow().value();
        ledger.record(WebhookSource.STRIPE, "evt_a", "invoice.paid", Optional.of(customer), world.clock.instant());
        ledger.record(WebhookSource.STRIPE, "evt_b", "invoice.created", Optional.of(customer), world.clock.instant());
        world.payments.down.set(true);

        assertThat(worker().drain()).isZero();
        assertThat(ledger.pending.values()).extracting(LedgerEntry::attempts).containsOnly(1);
    }

    @Test
    void newUsersGetACustomerOnlyWhenEager() {
        world.directory.user("user_new", "New", null);
        ledger.record(WebhookSource.CLERK, "msg_lazy", "user.created", Optional.of("user:user_new"), world.clock.instant());
        worker(false).drain();
        assertThat(world.accounts.find(Owner.user("user_new"))).isEmpty();

        ledger.record(WebhookSource.CLERK, "msg_eager", "user.created", Optional.of("user:user_new"), world.clock.instant());
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
