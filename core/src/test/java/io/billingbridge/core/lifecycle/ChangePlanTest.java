package io.billingbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.catalog.Product;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.ConfiguredCheckoutPlan;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.PaymentFailed;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import io.billingbridge.core.testing.InMemorySubscriptionLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangePlanTest {
    private final BillingWorld world = new BillingWorld();
    private final Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
    private final InMemorySubscriptionLocks locks = new InMemorySubscriptionLocks();
    private final Instant periodEnd = Instant.parse("2026-12-20T00:00:00Z");
    private CustomerId carols;

    @BeforeEach
    void carolIsOnBasicMonthly() {
        world.payments.prices = List.of(price("price_basic", 1000, "month"), price("price_pro", 3000, "month"),
                price("price_pro_yearly", 30000, "year"), price("price_starter_yearly", 6000, "year"),
                price("price_mini", 500, "month"), price("price_daily", 2000, "day"),
                FakePaymentProvider.price("price_credits", "credits", false,
                        Map.of("billing_bridge_owner_types", "user")));
        world.directory.user("user_carol", "Carol", "carol@example.com");
        carols = world.ensureCustomer.ensure(Owner.user("user_carol")).customerId().orElseThrow();
        world.payments.subscriptions.put(carols, List.of(new SubscriptionView("sub_carol", "active", List.of(
                new SubscriptionItemView("si_carol", "price_basic", Optional.empty(), "prod_price_basic", "Basic", 1,
                        Optional.of(new Money(1000, "usd")), Optional.of("month"),
                        Optional.of(Instant.parse("2026-11-20T00:00:00Z")), Optional.of(periodEnd),
                        Optional.empty())), false, Optional.empty(), Optional.empty(), world.clock.instant())));
        world.sync.sync(Owner.user("user_carol"), carols);
        world.audit.entries.clear();
    }

    @AfterEach
    void stop() {
        world.background.shutdownNow();
    }

    private static Price price(String id, long amount, String interval) {
        return new Price(id, Optional.empty(), new Product("prod_" + id, "Product " + id, true,
                Map.of("billing_bridge_owner_types", "user")), "usd", Optional.of(amount),
                Optional.of(Price.Recurring.licensed(interval, 1)), true, Map.of());
    }

    private OwnedSubscriptions owned() {
        return new OwnedSubscriptions(world.guard, world.snapshots, world.sync,
                new SessionRateLimit(50, Duration.ofMinutes(1), world.clock, world.signals), world.auditor,
                Duration.ofSeconds(5));
    }

    private ChangePlan changePlan(PlanChangePolicy policy) {
        return new ChangePlan(owned(), world.catalog, new ConfiguredCheckoutPlan(CheckoutSettings.defaults(),
                world.directory), policy, world.payments, new LifecycleWrites(locks, Duration.ofSeconds(30)),
                world.reads, world.auditor);
    }

    private PreviewPlanChange preview() {
        return new PreviewPlanChange(owned(), world.catalog, new ConfiguredCheckoutPlan(CheckoutSettings.defaults(),
                world.directory), PlanChangePolicy.DEFAULT, world.payments, world.auditor);
    }

    private static PlanChangeCommand to(String price, Optional<String> when) {
        return new PlanChangeCommand("user", Optional.empty(), "sub_carol", price, Optional.empty(), when,
                Optional.empty());
    }

    @Test
    void anUpgradeIsMadeNowAndInvoicedAtOnceWithThePreviewsProrationDate() {
        Instant previewed = Instant.parse("2026-11-26T11:59:00Z");
        changePlan(PlanChangePolicy.DEFAULT).change(carol, new PlanChangeCommand("user", Optional.empty(),
                "sub_carol", "price_pro", Optional.empty(), Optional.empty(), Optional.of(previewed)));

        assertThat(world.payments.planChanges).singleElement().satisfies(change -> {
            assertThat(change.subscription()).isEqualTo(new SubscriptionId("sub_carol"));
            assertThat(change.price()).isEqualTo(new PriceId("price_pro"));
            assertThat(change.when()).isEqualTo("now");
            assertThat(change.prorationDate()).contains(previewed);
        });
        assertThat(world.audit.entries).singleElement().satisfies(entry -> assertThat(entry.toString())
                .contains("subscription.change").contains("to=price_prox1").contains("always_invoice"));
        assertThat(locks.held).isEmpty();
    }

    @Test
    void aDowngradeWaitsForThePeriodEndByDefault() {
        changePlan(PlanChangePolicy.DEFAULT).change(carol, to("price_mini", Optional.empty()));

        assertThat(world.payments.planChanges).singleElement()
                .satisfies(change -> assertThat(change.when()).isEqualTo("period_end"));
    }

    @Test
    void theDirectionIsStripesPortalRuleALowerAmountOrAShorterIntervalIsADowngradeAndAnythingElseAnUpgrade() {
        assertThat(preview().preview(carol, to("price_mini", Optional.empty())).when())
                .as("a lower amount").isEqualTo(PlanChangePolicy.When.PERIOD_END);
        assertThat(preview().preview(carol, to("price_daily", Optional.empty())).when())
                .as("a shorter interval, though dearer").isEqualTo(PlanChangePolicy.When.PERIOD_END);
        assertThat(preview().preview(carol, to("price_starter_yearly", Optional.empty())).when())
                .as("a longer interval for more, though cheaper per month").isEqualTo(PlanChangePolicy.When.NOW);
        assertThat(preview().preview(carol, to("price_pro", Optional.empty())).when())
                .as("a higher amount").isEqualTo(PlanChangePolicy.When.NOW);
    }

    @Test
    void theClientMayAskForTheOtherTimingOnlyWhenThePolicyAllowsIt() {
        PlanChangePolicy strict = new PlanChangePolicy(PlanChangePolicy.DEFAULT.upgrade(),
                PlanChangePolicy.DEFAULT.downgrade(), false);

        assertThatThrownBy(() -> changePlan(strict).change(carol, to("price_pro", Optional.of("period_end"))))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("timing_not_allowed");
                    assertThat(e.param()).contains("when");
                });
        changePlan(PlanChangePolicy.DEFAULT).change(carol, to("price_pro", Optional.of("period_end")));
        assertThat(world.payments.planChanges).singleElement()
                .satisfies(change -> assertThat(change.when()).isEqualTo("period_end"));
    }

    @Test
    void theCurrentPriceAOneTimePriceAndAnUnknownTimingAreRefusedBeforeStripeIsCalled() {
        ChangePlan change = changePlan(PlanChangePolicy.DEFAULT);
        assertThatThrownBy(() -> change.change(carol, to("price_basic", Optional.empty())))
                .hasFieldOrPropertyWithValue("code", "price_unchanged");
        assertThatThrownBy(() -> change.change(carol, to("price_credits", Optional.empty())))
                .hasFieldOrPropertyWithValue("code", "price_not_recurring");
        assertThatThrownBy(() -> change.change(carol, to("price_pro", Optional.of("tomorrow"))))
                .hasFieldOrPropertyWithValue("code", "invalid_when");
        assertThatThrownBy(() -> change.change(carol, to("price_nope", Optional.empty())))
                .hasFieldOrPropertyWithValue("code", "price_not_available");
        assertThat(world.payments.planChanges).isEmpty();
    }

    @Test
    void aSecondWriteOnTheSameSubscriptionWhileOneRunsIsAConflict() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        world.payments.changeGate = gate;
        ChangePlan change = changePlan(PlanChangePolicy.DEFAULT);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> change.change(carol,
                to("price_pro", Optional.empty())));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (locks.held.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThatThrownBy(() -> change.change(carol, to("price_pro_yearly", Optional.empty())))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("change_in_progress"));
        gate.countDown();
        first.get();
        assertThat(world.payments.planChanges).singleElement()
                .satisfies(c -> assertThat(c.price()).isEqualTo(new PriceId("price_pro")));
    }

    @Test
    void aFailedPaymentIsReportedAndReleasesTheLease() {
        world.payments.declinePlanChanges.set(true);
        ChangePlan change = changePlan(PlanChangePolicy.DEFAULT);

        assertThatThrownBy(() -> change.change(carol, to("price_pro", Optional.empty())))
                .isInstanceOf(PaymentFailed.class);
        assertThat(locks.held).isEmpty();
        assertThat(world.audit.entries).isEmpty();
    }

    @Test
    void aPreviewNowIsStripesAndAPreviewAtThePeriodEndIsTheNewPricesWholePeriod() {
        PlanChangePreview now = preview().preview(carol, to("price_pro", Optional.empty()));
        assertThat(now.when()).isEqualTo(PlanChangePolicy.When.NOW);
        assertThat(now.amountDue()).isEqualTo(new Money(500, "usd"));
        assertThat(now.prorationDate()).contains(FakePaymentProvider.PRORATION_DATE);

        PlanChangePreview later = preview().preview(carol, to("price_mini", Optional.empty()));
        assertThat(later.when()).isEqualTo(PlanChangePolicy.When.PERIOD_END);
        assertThat(later.effectiveAt()).isEqualTo(periodEnd);
        assertThat(later.amountDue()).isEqualTo(new Money(500, "usd"));
        assertThat(later.lines()).singleElement().satisfies(line -> {
            assertThat(line.periodStart()).isEqualTo(periodEnd);
            assertThat(line.periodEnd()).isEqualTo(Instant.parse("2027-01-20T00:00:00Z"));
        });
        assertThat(later.prorationDate()).isEmpty();
    }

    @Test
    void withdrawingWhenNothingIsScheduledIsNotFoundAndAfterAScheduledChangeItReleasesIt() {
        WithdrawScheduledChange withdraw = new WithdrawScheduledChange(owned(), world.payments,
                new LifecycleWrites(locks, Duration.ofSeconds(30)), world.reads, world.auditor);
        assertThatThrownBy(() -> withdraw.withdraw(carol, "user", Optional.empty(), "sub_carol"))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("no_scheduled_change"));

        changePlan(PlanChangePolicy.DEFAULT).change(carol, to("price_mini", Optional.empty()));
        withdraw.withdraw(carol, "user", Optional.empty(), "sub_carol");
        assertThat(world.payments.scheduled).isEmpty();
    }

    @Test
    void theDefaultPolicyUpgradesNowInvoicedAndDowngradesAtThePeriodEndUnprorated() {
        assertThat(PlanChangePolicy.DEFAULT.rule(true))
                .isEqualTo(new PlanChangePolicy.Rule(PlanChangePolicy.When.NOW, ProrationBehavior.ALWAYS_INVOICE));
        assertThat(PlanChangePolicy.DEFAULT.rule(false))
                .isEqualTo(new PlanChangePolicy.Rule(PlanChangePolicy.When.PERIOD_END, ProrationBehavior.NONE));
    }

    @Test
    void aSubscriptionWithAMeteredItemIsNotChangedAndNoSubscriptionChangesToAMeteredPrice() {
        world.payments.prices = List.of(price("price_basic", 1000, "month"), price("price_pro", 3000, "month"),
                FakePaymentProvider.meteredPrice("price_api", "api_calls", "mtr_api",
                        Map.of("billing_bridge_owner_types", "user")));
        assertThatThrownBy(() -> changePlan(PlanChangePolicy.DEFAULT).change(carol, to("api_calls", Optional.empty())))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("price_metered"));

        world.payments.subscriptions.put(carols, List.of(new SubscriptionView("sub_carol", "active", List.of(
                new SubscriptionItemView("si_carol", "price_basic", Optional.empty(), "prod_price_basic", "Basic", 1,
                        Optional.of(new Money(1000, "usd")), Optional.of("month"), Optional.empty(),
                        Optional.of(periodEnd), Optional.empty()),
                new SubscriptionItemView("si_carol_api", "price_api", Optional.of("api_calls"), "prod_price_api",
                        "API calls", 1, Optional.of(new Money(2, "usd")), Optional.of("month"), Optional.empty(),
                        Optional.of(periodEnd), Optional.empty(), Optional.empty(), Optional.of("mtr_api"))),
                false, Optional.empty(), Optional.empty(), world.clock.instant())));
        world.sync.sync(Owner.user("user_carol"), carols);

        assertThatThrownBy(() -> changePlan(PlanChangePolicy.DEFAULT).change(carol, to("price_pro", Optional.empty())))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("subscription_metered"));
        assertThatThrownBy(() -> preview().preview(carol, to("price_pro", Optional.empty())))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("subscription_metered"));
        assertThat(world.payments.planChanges).isEmpty();
    }
}
