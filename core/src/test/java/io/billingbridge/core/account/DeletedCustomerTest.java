package io.billingbridge.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.admin.AccountDetails;
import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.RelinkAccount;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.StartCheckoutCommand;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.portal.OpenBillingPortalCommand;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import io.billingbridge.core.testing.InMemorySeatUpdateBudget;
import io.billingbridge.core.webhook.ProcessWebhookEvent;
import io.billingbridge.core.webhook.WebhookWork;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An owner whose Stripe customer was deleted gets a new one, and an admin can relink it to one of its own. */
class DeletedCustomerTest {
    private static final String OK = "https://app.example.com/billing";
    private final BillingWorld world = new BillingWorld();
    private final Owner alice = Owner.user("user_alice");
    private final Principal aliceSession = Principal.user(new UserId("user_alice"), "sess_a");
    private final AdminIdentity admin = new AdminIdentity("support", Set.of(AdminScope.READ, AdminScope.WRITE));
    private ProcessWebhookEvent processor;

    @BeforeEach
    void people() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com");
        world.payments.prices = List.of(FakePaymentProvider.price("price_pro", "pro_monthly", true,
                Map.of("billing_bridge_owner_types", "user")));
        var profiles = new DirectoryCustomerProfiles(world.directory, OrganizationEmail.NONE);
        processor = new ProcessWebhookEvent(world.accounts, world.snapshots, world.sync, world.catalog,
                world.ensureCustomer, new SyncCustomerProfile(world.accounts, world.payments, profiles, world.clock),
                new HandleOwnerDeleted(world.accounts, world.payments, DeletionPolicy.KEEP, world.clock),
                new SyncSeats(world.accounts, new SeatCounter(world.directory), world.payments, world.sync,
                        new QuantityRule.Fixed(1), new InMemorySeatUpdateBudget(), world.clock),
                false, new io.billingbridge.core.events.RecordPaymentEvents(world.payments, world.accounts,
                        new io.billingbridge.core.events.AppEvents(new io.billingbridge.core.testing.InMemoryEventOutbox(),
                                java.util.List.of(), world.clock, () -> { })));
    }

    private CustomerId customerOfAlice() {
        CustomerId customer = world.ensureCustomer.ensure(alice).customerId().orElseThrow();
        world.sync.sync(alice, customer);
        return customer;
    }

    private StartCheckout checkout() {
        return world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false, false), 5);
    }

    private StartCheckoutCommand buyPro() {
        return new StartCheckoutCommand("user", Optional.empty(), "pro_monthly", Optional.empty(), OK, OK);
    }

    @Test
    void customerDeletedInStripeIsReleasedWhenItsResyncWorkRuns() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);

        processor.process(new WebhookWork.ResyncCustomer(dead));

        BillingAccount account = world.accounts.find(alice).orElseThrow();
        assertThat(account.customerId()).isEmpty();
        assertThat(account.syncState()).isEqualTo(SyncState.PENDING);
        assertThat(account.customerGeneration()).isEqualTo(1);
        assertThat(world.snapshots.find(dead)).isEmpty();
        assertThat(world.accounts.findByCustomer(dead)).isEmpty();
    }

    @Test
    void aRepeatedDeletionEventAfterTheReleaseDoesNothing() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);
        processor.process(new WebhookWork.ResyncCustomer(dead));

        processor.process(new WebhookWork.ResyncCustomer(dead));

        assertThat(world.accounts.find(alice).orElseThrow().customerGeneration()).isEqualTo(1);
    }

    @Test
    void aLiveCustomerIsNeverReleased() {
        CustomerId live = customerOfAlice();

        assertThat(world.ensureCustomer.releaseIfGone(alice, live)).isFalse();

        assertThat(world.accounts.find(alice).orElseThrow().customerId()).contains(live);
    }

    @Test
    void theNextCustomerAfterAReleaseIsNewAndCreatedUnderANewIdempotencyKey() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);
        processor.process(new WebhookWork.ResyncCustomer(dead));

        CustomerId next = world.ensureCustomer.ensure(alice).customerId().orElseThrow();

        assertThat(next).isNotEqualTo(dead);
        assertThat(world.payments.customersByIdempotencyKey).containsOnlyKeys(
                "billing-bridge-customer-user-user_alice", "billing-bridge-customer-user-user_alice-g1");
        assertThat(world.accounts.find(alice).orElseThrow().syncState()).isEqualTo(SyncState.ACTIVE);
    }

    @Test
    void checkoutWithACustomerDeletedBeforeItsEventArrivedRetriesOnceWithANewCustomer() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);

        checkout().start(aliceSession, buyPro());

        CustomerId used = world.payments.checkouts.get(world.payments.checkouts.size() - 1).customer();
        assertThat(used).isNotEqualTo(dead);
        assertThat(world.accounts.find(alice).orElseThrow().customerId()).contains(used);
        assertThat(world.payments.calls).containsSubsequence("checkout.sessions.create", "customers.retrieve",
                "customers.create", "checkout.sessions.create");
    }

    @Test
    void portalWithADeletedCustomerRetriesOnceWithANewCustomer() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);

        var session = world.openPortal().open(aliceSession, new OpenBillingPortalCommand("user", Optional.empty(), OK));

        assertThat(session.url().toString()).doesNotEndWith(dead.value());
        assertThat(world.accounts.find(alice).orElseThrow().customerGeneration()).isEqualTo(1);
    }

    private RelinkAccount relink() {
        return new RelinkAccount(world.accounts, world.snapshots, world.payments, world.auditor, world.clock);
    }

    @Test
    void relinkAcceptsALiveCustomerWhoseMetadataNamesTheOwnerAndReleasesThePreviousOne() {
        CustomerId current = customerOfAlice();
        CustomerId older = new CustomerId("cus_older");
        world.payments.customerOwners.put(older, alice);

        AccountDetails details = relink().relink(admin, "user", "user_alice", "cus_older");

        assertThat(details.account().customerId()).contains(older);
        assertThat(details.account().syncState()).isEqualTo(SyncState.ACTIVE);
        assertThat(world.accounts.findByCustomer(current)).isEmpty();
        assertThat(world.audit.entries).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("admin.account.relink");
            assertThat(e.outcome()).isEqualTo("allowed");
        });
    }

    @Test
    void relinkRefusesACustomerOfAnotherOwner() {
        customerOfAlice();
        CustomerId bobs = world.ensureCustomer.ensure(Owner.user("user_bob")).customerId().orElseThrow();

        assertThatThrownBy(() -> relink().relink(admin, "user", "user_alice", bobs.value()))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("customer_owner_mismatch"));
        assertThat(world.audit.entries).last().satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"));
    }

    @Test
    void relinkRefusesADeletedCustomer() {
        CustomerId dead = customerOfAlice();
        world.payments.deleteCustomer(dead);
        processor.process(new WebhookWork.ResyncCustomer(dead));

        assertThatThrownBy(() -> relink().relink(admin, "user", "user_alice", dead.value()))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("customer_not_found"));
    }

    @Test
    void relinkRefusesACustomerAnotherOwnerIsLinkedTo() {
        CustomerId bobs = world.ensureCustomer.ensure(Owner.user("user_bob")).customerId().orElseThrow();
        world.payments.customerOwners.put(bobs, alice);

        assertThatThrownBy(() -> relink().relink(admin, "user", "user_alice", bobs.value()))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("customer_in_use"));
    }

    @Test
    void relinkRefusesAMalformedCustomerId() {
        assertThatThrownBy(() -> relink().relink(admin, "user", "user_alice", "sub_123"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo("invalid_customer"));
    }
}
