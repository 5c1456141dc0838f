package io.billingbridge.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartCheckoutTest {
    private static final String OK = "https://app.example.com/billing";
    private final BillingWorld world = new BillingWorld();
    private final Principal alice = Principal.user(new UserId("user_alice"), "sess_a");
    private final Principal bobAdmin = Principal.member(new UserId("user_bob"), "sess_b", new OrganizationId("org_acme"),
            "org:admin", Set.of());
    private final Principal aliceMember = Principal.member(new UserId("user_alice"), "sess_a",
            new OrganizationId("org_acme"), "org:member", Set.of());
    private StartCheckout checkout;

    @BeforeEach
    void catalogAndPeople() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice", "user_carol");
        world.payments.prices = List.of(
                FakePaymentProvider.price("price_pro", "pro_monthly", true, Map.of("billing_bridge_owner_types", "user")),
                FakePaymentProvider.price("price_team", "team_monthly", true,
                        Map.of("billing_bridge_owner_types", "organization", "billing_bridge_quantity", "seats")),
                FakePaymentProvider.price("price_credits", "credits", false,
                        Map.of("billing_bridge_owner_types", "user,organization", "billing_bridge_quantity", "1..50")),
                FakePaymentProvider.price("price_hidden", "hidden", true, Map.of()));
        checkout = world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.of(14), true, true), 5);
    }

    private StartCheckoutCommand command(String owner, String price, Long quantity) {
        return new StartCheckoutCommand(owner, Optional.empty(), price, Optional.ofNullable(quantity), OK + "?ok", OK);
    }

    @Test
    void userSubscribesByLookupKeyWithTrialAndOwnerMetadata() {
        var session = checkout.start(alice, command("user", "pro_monthly", null));

        CheckoutRequest sent = world.payments.checkouts.get(0);
        assertThat(session.url()).isPresent();
        assertThat(sent.mode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
        assertThat(sent.price().id()).isEqualTo("price_pro");
        assertThat(sent.quantity()).isEqualTo(1);
        assertThat(sent.trialDays()).contains(14);
        assertThat(sent.automaticTax()).isTrue();
        assertThat(sent.metadata()).containsEntry("clerk_owner_type", "user").containsEntry("clerk_owner_id", "user_alice");
        assertThat(world.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("allowed");
            assertThat(e.owner()).contains("user:user_alice");
        });
    }

    @Test
    void organizationSeatsFollowMemberCount() {
        checkout.start(bobAdmin, command("organization", "team_monthly", null));
        assertThat(world.payments.checkouts.get(0).quantity()).isEqualTo(3);
        assertThatThrownBy(() -> checkout.start(bobAdmin, command("organization", "team_monthly", 7L)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("quantity_not_adjustable"));
    }

    @Test
    void oneTimePurchaseIsAPaymentWithoutTrialAndChosenQuantity() {
        checkout.start(alice, command("user", "credits", 20L));
        CheckoutRequest sent = world.payments.checkouts.get(0);
        assertThat(sent.mode()).isEqualTo(CheckoutMode.PAYMENT);
        assertThat(sent.trialDays()).isEmpty();
        assertThat(sent.quantity()).isEqualTo(20);
        assertThatThrownBy(() -> checkout.start(alice, command("user", "credits", 51L)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("quantity_out_of_range"));
    }

    @Test
    void memberCannotStartCheckoutForOrganizationAndTheDenialIsAudited() {
        assertThatThrownBy(() -> checkout.start(aliceMember, command("organization", "team_monthly", null)))
                .isInstanceOf(AccessDenied.class);
        assertThat(world.payments.calls).isEmpty();
        assertThat(world.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.owner()).contains("organization:org_acme");
        });
        assertThat(world.signals.lines).containsExactly("session_refused checkout access_denied");
    }

    @Test
    void anotherOrganizationIdIsRefusedBeforeAnythingElse() {
        StartCheckoutCommand other = new StartCheckoutCommand("organization", Optional.of("org_globex"), "team_monthly",
                Optional.empty(), OK, OK);
        assertThatThrownBy(() -> checkout.start(bobAdmin, other)).isInstanceOf(AccessDenied.class);
        assertThat(world.payments.calls).isEmpty();
    }

    @Test
    void pricesNotOfferedToTheOwnerTypeAreRefusedAlike() {
        for (String price : List.of("team_monthly", "price_hidden", "price_nonexistent")) {
            assertThatThrownBy(() -> checkout.start(alice, command("user", price, null)))
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("price_not_available"));
        }
        assertThat(world.payments.calls).containsOnly("prices.list");
    }

    @Test
    void redirectsOffTheAllowedOriginsAreRefused() {
        for (String url : List.of("https://evil.example.com/x", "https://app.example.com.evil.io/", "javascript:alert(1)",
                "//app.example.com/x", "https://user:pw@app.example.com/", "ftp://app.example.com/")) {
            StartCheckoutCommand bad = new StartCheckoutCommand("user", Optional.empty(), "pro_monthly", Optional.empty(),
                    url, OK);
            assertThatThrownBy(() -> checkout.start(alice, bad)).as(url).isInstanceOf(InvalidRequest.class);
        }
        assertThat(world.payments.checkouts).isEmpty();
    }

    @Test
    void sessionsAreRateLimitedPerUser() {
        for (int i = 0; i < 5; i++) {
            checkout.start(alice, command("user", "pro_monthly", null));
        }
        assertThatThrownBy(() -> checkout.start(alice, command("user", "pro_monthly", null)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isPositive());
        checkout.start(bobAdmin, command("organization", "team_monthly", null));
        assertThat(world.signals.lines).containsExactly("session_started checkout", "session_started checkout",
                "session_started checkout", "session_started checkout", "session_started checkout", "rate_limited",
                "session_refused checkout rate_limited", "session_started checkout");
    }

    @Test
    void existingCustomerCostsOneStripeCallPerCheckout() {
        checkout.start(alice, command("user", "pro_monthly", null));
        // Its billing snapshot is stored, as the customer's webhooks store it; the guardrails read it locally.
        world.sync.sync(io.billingbridge.core.owner.Owner.user("user_alice"), world.payments.checkouts.get(0).customer());
        world.payments.calls.clear();
        checkout.start(alice, command("user", "pro_monthly", null));
        assertThat(world.payments.calls).containsExactly("checkout.sessions.create");
    }
}
