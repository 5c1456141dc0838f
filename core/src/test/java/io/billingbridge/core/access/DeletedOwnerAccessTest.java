package io.billingbridge.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.DeletionPolicy;
import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.StartCheckoutCommand;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.portal.OpenBillingPortal;
import io.billingbridge.core.portal.OpenBillingPortalCommand;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletedOwnerAccessTest {
    private static final String OK = "https://app.example.com/billing";
    private final BillingWorld world = new BillingWorld();
    private final Principal alice = Principal.user(new UserId("user_alice"), "sess_a");
    private final Principal bobAdmin = Principal.member(new UserId("user_bob"), "sess_b",
            new OrganizationId("org_acme"), "org:admin", Set.of());
    private final Principal carolMember = Principal.member(new UserId("user_carol"), "sess_c",
            new OrganizationId("org_acme"), "org:member", Set.of());
    private final HandleOwnerDeleted deleted = new HandleOwnerDeleted(world.accounts, world.payments,
            DeletionPolicy.KEEP, world.clock);
    private StartCheckout checkout;
    private OpenBillingPortal portal;

    @BeforeEach
    void catalogAndPeople() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_carol");
        world.payments.prices = List.of(
                FakePaymentProvider.price("price_pro", "pro_monthly", true, Map.of("billing_bridge_owner_types", "user")),
                FakePaymentProvider.price("price_team", "team_monthly", true,
                        Map.of("billing_bridge_owner_types", "organization")));
        checkout = world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false, false),
                50);
        portal = world.openPortal();
    }

    private StartCheckoutCommand checkoutFor(String owner, String price) {
        return new StartCheckoutCommand(owner, Optional.empty(), price, Optional.empty(), OK, OK);
    }

    private static void assertOwnerDeleted(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AccessDenied.class,
                e -> assertThat(e.code()).isEqualTo(Guard.OWNER_DELETED));
    }

    @Test
    void aDeletedUserWithACustomerIsRefusedCheckoutPortalAndReadsAndEachRefusalIsAudited() {
        checkout.start(alice, checkoutFor("user", "pro_monthly"));
        deleted.handle(Owner.user("user_alice"));
        world.payments.calls.clear();
        world.audit.entries.clear();

        assertOwnerDeleted(() -> checkout.start(alice, checkoutFor("user", "pro_monthly")));
        assertOwnerDeleted(() -> portal.open(alice, new OpenBillingPortalCommand("user", Optional.empty(), OK)));
        assertOwnerDeleted(() -> world.reads.read(alice, "user", Optional.empty()));

        assertThat(world.payments.calls).isEmpty();
        assertThat(world.audit.entries).extracting(e -> e.action() + " " + e.outcome() + " " + e.detail())
                .containsExactly("checkout.create denied owner_deleted", "portal.create denied owner_deleted",
                        "customer.read denied owner_deleted");
        assertThat(world.audit.entries).allSatisfy(e -> assertThat(e.owner()).contains("user:user_alice"));
    }

    @Test
    void aUserDeletedBeforeEverBuyingIsRecordedDeletedAndGetsNoCustomer() {
        deleted.handle(Owner.user("user_alice"));

        assertThat(world.accounts.find(Owner.user("user_alice"))).hasValueSatisfying(account -> {
            assertThat(account.syncState()).isEqualTo(SyncState.DELETED);
            assertThat(account.customerId()).isEmpty();
        });
        assertOwnerDeleted(() -> checkout.start(alice, checkoutFor("user", "pro_monthly")));
        assertThat(world.payments.calls).isEmpty();
        assertThat(world.payments.checkouts).isEmpty();
    }

    @Test
    void aDeletedOrganizationIsRefusedToItsMembersWhoKeepTheirOwnBilling() {
        deleted.handle(Owner.organization("org_acme"));

        assertOwnerDeleted(() -> checkout.start(bobAdmin, checkoutFor("organization", "team_monthly")));
        assertOwnerDeleted(() -> world.reads.read(carolMember, "organization", Optional.empty()));
        assertThat(checkout.start(bobAdmin, checkoutFor("user", "pro_monthly")).url()).isPresent();
    }

    @Test
    void theAccessPolicyIsCheckedFirstSoACallerWithoutTheRightLearnsNothingOfTheDeletion() {
        deleted.handle(Owner.organization("org_acme"));

        assertThatThrownBy(() -> checkout.start(carolMember, checkoutFor("organization", "team_monthly")))
                .isInstanceOfSatisfying(AccessDenied.class, e -> assertThat(e.code()).isEqualTo("access_denied"));
    }

    @Test
    void anOwnerNotDeletedIsServedAsBefore() {
        deleted.handle(Owner.user("user_bob"));

        assertThat(checkout.start(alice, checkoutFor("user", "pro_monthly")).url()).isPresent();
        assertThat(world.reads.read(alice, "user", Optional.empty()).owner()).isEqualTo(Owner.user("user_alice"));
    }
}
