package io.billingbridge.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.PromotionCode;
import io.billingbridge.core.payment.PromotionCodeId;
import io.billingbridge.core.payment.TrialEndBehavior;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckoutGuardrailsTest {
    private static final String OK = "https://app.example.com/billing";
    private static final String USERS = "billing_bridge_owner_types";
    private final BillingWorld world = new BillingWorld();
    private final Principal alice = Principal.user(new UserId("user_alice"), "sess_a");
    private final Principal dave = Principal.user(new UserId("user_dave"), "sess_d");
    private StartCheckout checkout;

    @BeforeEach
    void catalog() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_dave", "Dave", "dave@example.com");
        world.payments.prices = List.of(
                FakePaymentProvider.price("price_pro_m", "pro_monthly", true, Map.of(USERS, "user")),
                FakePaymentProvider.price("price_pro_y", "pro_yearly", true, Map.of(USERS, "user")),
                FakePaymentProvider.price("price_storage", "storage", true,
                        Map.of(USERS, "user", CheckoutGuardrails.GROUP_KEY, "storage")),
                FakePaymentProvider.price("price_credits", "credits", false, Map.of(USERS, "user")));
        checkout = world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.of(14), false, true),
                new CheckoutGuardrails(true, true, false, TrialEndBehavior.PAUSE, true), 20);
    }

    private CheckoutRequest buy(Principal who, String price) {
        return buy(who, price, null);
    }

    private CheckoutRequest buy(Principal who, String price, String code) {
        checkout.start(who, new StartCheckoutCommand("user", Optional.empty(), price, Optional.empty(), OK, OK,
                Optional.ofNullable(code)));
        return world.payments.checkouts.get(world.payments.checkouts.size() - 1);
    }

    /** Alice's first checkout made her customer; now her snapshot shows this subscription (as after its webhook). */
    private CustomerId subscribed(String id, String status, String productId, Optional<Instant> trialEnd) {
        CustomerId customer = world.payments.checkouts.get(0).customer();
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_x", Optional.empty(), productId, "Pro", 1,
                Optional.empty(), Optional.of("month"), Optional.empty(), Optional.empty(), Optional.empty());
        world.payments.subscriptions.put(customer, List.of(new SubscriptionView(id, status, List.of(item), false,
                trialEnd, Optional.empty(), world.clock.instant())));
        world.snapshots.markDirty(customer);
        return customer;
    }

    @Test
    void secondSubscriptionInTheSameGroupIsRefusedNamingTheOneToChange() {
        buy(alice, "pro_monthly");
        subscribed("sub_pro", "active", "prod_price_pro_m", Optional.empty());

        assertThatThrownBy(() -> buy(alice, "pro_yearly")).isInstanceOfSatisfying(Conflict.class, e -> {
            assertThat(e.code()).isEqualTo(StartCheckout.ALREADY_SUBSCRIBED);
            assertThat(e.subscription()).contains("sub_pro");
        });
        assertThat(world.payments.checkouts).hasSize(1);
        assertThat(world.audit.entries).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("denied"));
    }

    @Test
    void aNewOwnersFirstCheckoutFetchesNoSnapshotButTheNextOneDoes() {
        buy(alice, "pro_monthly");
        assertThat(world.payments.snapshotFetches).hasValue(0);

        buy(alice, "storage");
        assertThat(world.payments.snapshotFetches).hasValue(1);
    }

    @Test
    void pausedAndPastDueSubscriptionsStillCountButCanceledOnesDoNot() {
        buy(alice, "pro_monthly");
        subscribed("sub_pro", "paused", "prod_price_pro_m", Optional.empty());
        assertThatThrownBy(() -> buy(alice, "pro_yearly")).isInstanceOf(Conflict.class);

        subscribed("sub_pro", "canceled", "prod_price_pro_m", Optional.empty());
        assertThat(buy(alice, "pro_yearly").price().id()).isEqualTo("price_pro_y");
    }

    @Test
    void oneTimePurchasesAndOtherGroupsAreNotRefused() {
        buy(alice, "pro_monthly");
        subscribed("sub_pro", "active", "prod_price_pro_m", Optional.empty());

        assertThat(buy(alice, "credits").price().id()).isEqualTo("price_credits");
        assertThat(buy(alice, "storage").price().id()).isEqualTo("price_storage");
    }

    @Test
    void anotherOwnersSubscriptionNeverBlocksACheckout() {
        buy(alice, "pro_monthly");
        subscribed("sub_pro", "active", "prod_price_pro_m", Optional.empty());

        assertThat(buy(dave, "pro_yearly").price().id()).isEqualTo("price_pro_y");
    }

    @Test
    void anOwnerWhoHadATrialGetsNoSecondOne() {
        CheckoutRequest first = buy(alice, "pro_monthly");
        assertThat(first.trialDays()).contains(14);
        assertThat(first.trialWithoutPaymentMethod()).isTrue();
        assertThat(first.trialEndBehavior()).isEqualTo(TrialEndBehavior.PAUSE);
        subscribed("sub_old", "canceled", "prod_price_pro_m", Optional.of(world.clock.instant()));

        CheckoutRequest second = buy(alice, "pro_yearly");
        assertThat(second.trialDays()).isEmpty();
        assertThat(second.trialWithoutPaymentMethod()).isFalse();
        assertThat(second.taxIdCollection()).isTrue();
    }

    @Test
    void aRedeemablePromotionCodeIsSentAsTheDiscountWithoutTheCodeField() {
        world.payments.promotionCodes.put("WELCOME", code("WELCOME", true, Optional.empty(), Optional.empty()));

        CheckoutRequest sent = buy(alice, "pro_monthly", "welcome");

        assertThat(sent.promotionCode()).contains(new PromotionCodeId("promo_WELCOME"));
        assertThat(sent.allowPromotionCodes()).isFalse();
    }

    @Test
    void unknownInactiveExpiredOrSomeoneElsesCodesAreRefusedBeforeAnySession() {
        Instant now = world.clock.instant();
        world.payments.promotionCodes.put("OFF", code("OFF", false, Optional.empty(), Optional.empty()));
        world.payments.promotionCodes.put("OLD", code("OLD", true, Optional.of(now.minus(Duration.ofMinutes(1))),
                Optional.empty()));
        world.payments.promotionCodes.put("BOBS", code("BOBS", true, Optional.empty(),
                Optional.of(new CustomerId("cus_bob"))));

        for (String code : List.of("NOPE", "OFF", "OLD", "BOBS", "bad code!")) {
            assertThatThrownBy(() -> buy(alice, "pro_monthly", code)).as(code)
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                        assertThat(e.code()).isEqualTo(StartCheckout.PROMOTION_CODE_INVALID);
                        assertThat(e.param()).contains("promotionCode");
                    });
        }
        assertThat(world.payments.checkouts).isEmpty();
    }

    private static PromotionCode code(String code, boolean active, Optional<Instant> expiresAt,
            Optional<CustomerId> customer) {
        return new PromotionCode(new PromotionCodeId("promo_" + code), code, active, expiresAt, customer,
                Optional.empty(), 0, true);
    }
}
