package io.billingbridge.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.catalog.Product;
import io.billingbridge.core.error.InvalidRequest;
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

class MeteredCheckoutTest {
    private static final String OK = "https://app.example.com/billing";
    private static final Map<String, String> USERS = Map.of("billing_bridge_owner_types", "user");
    private final BillingWorld world = new BillingWorld();
    private final Principal alice = Principal.user(new UserId("user_alice"), "sess_a");
    private final Principal bobAdmin = Principal.member(new UserId("user_bob"), "sess_b", new OrganizationId("org_acme"),
            "org:admin", Set.of());

    @BeforeEach
    void catalogAndPeople() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice", "user_carol");
        world.payments.prices = List.of(
                FakePaymentProvider.price("price_pro", "pro_monthly", true, Map.of("billing_bridge_owner_types", "user",
                        CheckoutSettings.METERED_ADD_ONS_KEY, "api_calls, price_tokens")),
                FakePaymentProvider.price("price_basic", "basic_monthly", true, USERS),
                FakePaymentProvider.price("price_team", "team_monthly", true, Map.of("billing_bridge_owner_types",
                        "organization", "billing_bridge_quantity", "seats")),
                FakePaymentProvider.meteredPrice("price_api", "api_calls", "mtr_api", USERS),
                FakePaymentProvider.meteredPrice("price_tokens", "tokens", "mtr_tokens", USERS),
                FakePaymentProvider.meteredPrice("price_seat_hours", "seat_hours", "mtr_seat_hours",
                        Map.of("billing_bridge_owner_types", "organization", "billing_bridge_quantity", "seats")),
                FakePaymentProvider.price("price_licensed_extra", "licensed_extra", true, USERS),
                new Price("price_api_yearly", Optional.of("api_yearly"), new Product("prod_api_yearly", "API", true,
                        USERS), "usd", Optional.of(1L), Optional.of(new Price.Recurring("year", 1, "metered",
                        Optional.of("mtr_api"))), true, Map.of()));
    }

    private StartCheckout checkout(Map<String, List<String>> yamlAddOns) {
        return world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false, false,
                yamlAddOns), 20);
    }

    private static StartCheckoutCommand command(String owner, String price, Optional<List<String>> addOns) {
        return new StartCheckoutCommand(owner, Optional.empty(), price, Optional.empty(), OK, OK, Optional.empty(),
                addOns);
    }

    @Test
    void aBasePriceComesWithEveryAddOnItsProductListsEachWithoutAQuantity() {
        checkout(Map.of()).start(alice, command("user", "pro_monthly", Optional.empty()));

        CheckoutRequest sent = world.payments.checkouts.get(0);
        assertThat(sent.price().id()).isEqualTo("price_pro");
        assertThat(sent.quantity()).isEqualTo(1);
        assertThat(sent.meteredAddOns()).extracting(Price::id).containsExactly("price_api", "price_tokens");
        assertThat(world.audit.entries).singleElement().satisfies(e ->
                assertThat(e.detail()).contains("add_ons=price_api,price_tokens"));
    }

    @Test
    void aRequestMayNameSomeOfTheAllowedAddOnsByIdOrLookupKey() {
        checkout(Map.of()).start(alice, command("user", "pro_monthly", Optional.of(List.of("tokens"))));
        checkout(Map.of()).start(alice, command("user", "pro_monthly", Optional.of(List.of())));

        assertThat(world.payments.checkouts.get(0).meteredAddOns()).extracting(Price::id).containsExactly("price_tokens");
        assertThat(world.payments.checkouts.get(1).meteredAddOns()).isEmpty();
    }

    @Test
    void anAddOnThePriceDoesNotAllowIsRefusedBeforeStripeIsAsked() {
        for (String addOn : List.of("seat_hours", "price_nonexistent", "basic_monthly")) {
            assertThatThrownBy(() -> checkout(Map.of()).start(alice, command("user", "pro_monthly",
                    Optional.of(List.of("api_calls", addOn)))))
                    .as(addOn)
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                        assertThat(e.code()).isEqualTo(StartCheckout.ADD_ON_NOT_ALLOWED);
                        assertThat(e.param()).contains("addOns");
                    });
        }
        assertThatThrownBy(() -> checkout(Map.of()).start(alice, command("user", "basic_monthly",
                Optional.of(List.of("api_calls")))))
                .isInstanceOfSatisfying(InvalidRequest.class,
                        e -> assertThat(e.code()).isEqualTo(StartCheckout.ADD_ON_NOT_ALLOWED));
        assertThat(world.payments.checkouts).isEmpty();
    }

    @Test
    void addOnsMayBeListedInYamlByTheBasePricesLookupKey() {
        checkout(Map.of("basic_monthly", List.of("price_api"))).start(alice, command("user", "basic_monthly",
                Optional.empty()));

        assertThat(world.payments.checkouts.get(0).meteredAddOns()).extracting(Price::id).containsExactly("price_api");
    }

    @Test
    void addOnsThatAreNotMeteredOrDoNotMatchTheBaseIntervalAreAMisconfiguredPrice() {
        for (String addOn : List.of("licensed_extra", "api_yearly", "price_nonexistent")) {
            assertThatThrownBy(() -> checkout(Map.of("basic_monthly", List.of(addOn))).start(alice,
                    command("user", "basic_monthly", Optional.empty())))
                    .as(addOn)
                    .isInstanceOfSatisfying(InvalidRequest.class,
                            e -> assertThat(e.code()).isEqualTo("price_misconfigured"));
        }
        assertThat(world.payments.checkouts).isEmpty();
    }

    @Test
    void aMeteredPriceAloneIsASubscriptionCheckoutWithoutQuantityEvenWhenItsProductCountsSeats() {
        checkout(Map.of()).start(bobAdmin, command("organization", "seat_hours", Optional.empty()));

        CheckoutRequest sent = world.payments.checkouts.get(0);
        assertThat(sent.mode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
        assertThat(sent.price().isMetered()).isTrue();
        assertThat(sent.quantity()).isEqualTo(1);
        assertThat(world.audit.entries).singleElement().satisfies(e -> assertThat(e.detail()).contains("metered")
                .doesNotContain("quantity"));
    }

    @Test
    void aQuantityForAMeteredPriceIsRefused() {
        assertThatThrownBy(() -> checkout(Map.of()).start(alice, new StartCheckoutCommand("user", Optional.empty(),
                "api_calls", Optional.of(3L), OK, OK)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("quantity_not_adjustable");
                    assertThat(e.param()).contains("quantity");
                });
        assertThat(world.payments.checkouts).isEmpty();
    }
}
