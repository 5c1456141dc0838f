package io.billingbridge.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.DefaultAccessPolicy;
import io.billingbridge.core.access.Grant;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.BillingWorld;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetUsageTest {
    private static final Instant PERIOD_START = Instant.parse("2026-11-20T08:30:45Z");
    private static final Instant PERIOD_END = Instant.parse("2026-12-20T08:30:45Z");
    private final BillingWorld world = new BillingWorld();
    private final AdvancingClock clock = new AdvancingClock(Instant.parse("2026-11-26T12:00:10Z"));
    private final FakeMeters meters = new FakeMeters();
    private final Principal bobAdmin = Principal.member(new UserId("user_bob"), "sess_b",
            new OrganizationId("org_acme"), "org:admin", Set.of());
    private final Principal aliceMember = Principal.member(new UserId("user_alice"), "sess_a",
            new OrganizationId("org_acme"), "org:member", Set.of());
    private final Principal outsider = Principal.member(new UserId("user_eve"), "sess_e",
            new OrganizationId("org_globex"), "org:admin", Set.of());
    private CustomerId acme;

    /** Stripe's meters as the test sets them, counting the calls. */
    static final class FakeMeters implements MeterUsage {
        final Map<MeterId, BigDecimal> usage = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Meter meter(MeterId meter) {
            calls.add("meter " + meter);
            return new Meter(meter, "Meter " + meter, "event_" + meter, "stripe_customer_id", "value");
        }

        @Override
        public BigDecimal usage(CustomerId customer, MeterId meter, Instant start, Instant end) {
            calls.add("usage " + customer + " " + meter + " " + start + " " + end);
            return usage.getOrDefault(meter, BigDecimal.ZERO);
        }
    }

    private static SubscriptionItemView item(String id, String price, long unitAmount, Optional<String> meter) {
        return new SubscriptionItemView(id, price, Optional.empty(), "prod_" + price, "Product " + price, 1,
                Optional.of(new Money(unitAmount, "usd")), Optional.of("month"), Optional.of(PERIOD_START),
                Optional.of(PERIOD_END), Optional.empty(), Optional.empty(), meter);
    }

    @BeforeEach
    void acmeHasABasePlanWithTwoMeteredAddOns() {
        world.directory.user("user_bob", "Bob", "bob@example.com").user("user_alice", "Alice", "alice@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice");
        acme = world.ensureCustomer.ensure(Owner.organization("org_acme")).customerId().orElseThrow();
        world.payments.subscriptions.put(acme, List.of(new SubscriptionView("sub_acme", "active", List.of(
                item("si_base", "price_team", 9900, Optional.empty()),
                item("si_api", "price_api", 3, Optional.of("mtr_api")),
                item("si_tokens", "price_tokens", 1, Optional.of("mtr_tokens"))), false, Optional.empty(),
                Optional.empty(), world.clock.instant())));
        world.sync.sync(Owner.organization("org_acme"), acme);
        meters.usage.put(new MeterId("mtr_api"), BigDecimal.valueOf(1234));
        meters.usage.put(new MeterId("mtr_tokens"), new BigDecimal("10.5"));
    }

    @AfterEach
    void stop() {
        world.background.shutdownNow();
    }

    private GetUsage usage(GetBillingSnapshot reads) {
        return new GetUsage(reads, meters, Duration.ofSeconds(30), 100, clock);
    }

    @Test
    void eachMeteredItemShowsItsMeterPriceCurrentPeriodUsageAndAmountCountedInWholeMinutes() {
        List<UsageSoFar> found = usage(world.reads).read(bobAdmin, "organization", Optional.empty(),
                Optional.empty());

        assertThat(found).hasSize(2);
        UsageSoFar api = found.get(0);
        assertThat(api.meter()).isEqualTo(new Meter(new MeterId("mtr_api"), "Meter mtr_api", "event_mtr_api", "stripe_customer_id", "value"));
        assertThat(api.subscriptionId()).isEqualTo("sub_acme");
        assertThat(api.priceId()).isEqualTo("price_api");
        assertThat(api.unitAmount()).contains(new Money(3, "usd"));
        assertThat(api.periodStart()).isEqualTo(PERIOD_START);
        assertThat(api.periodEnd()).isEqualTo(PERIOD_END);
        assertThat(api.usage()).isEqualByComparingTo("1234");
        assertThat(api.amount()).contains(new Money(3702, "usd"));
        assertThat(api.asOf()).isEqualTo(Instant.parse("2026-11-26T12:01:00Z"));
        assertThat(found.get(1).amount()).contains(new Money(11, "usd"));
        assertThat(meters.calls).contains("usage " + acme + " mtr_api 2026-11-20T08:30:00Z 2026-11-26T12:01:00Z");
    }

    @Test
    void aRefreshWithinTheMaxAgeCostsNoProviderCallAndOneAfterItDoes() {
        GetUsage usage = usage(world.reads);
        usage.read(bobAdmin, "organization", Optional.empty(), Optional.empty());
        int first = meters.calls.size();
        meters.usage.put(new MeterId("mtr_api"), BigDecimal.valueOf(2000));

        clock.advance(Duration.ofSeconds(29));
        assertThat(usage.read(aliceMember, "organization", Optional.empty(), Optional.empty()).get(0).usage())
                .isEqualByComparingTo("1234");
        assertThat(meters.calls).hasSize(first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(usage.read(bobAdmin, "organization", Optional.empty(), Optional.empty()).get(0).usage())
                .isEqualByComparingTo("2000");
        assertThat(meters.calls.size()).isGreaterThan(first);
    }

    @Test
    void theMeterFilterKeepsOneMeterAndAnythingButAMeterIdIsRefused() {
        assertThat(usage(world.reads).read(bobAdmin, "organization", Optional.empty(), Optional.of("mtr_tokens")))
                .singleElement().satisfies(u -> assertThat(u.priceId()).isEqualTo("price_tokens"));
        assertThat(usage(world.reads).read(bobAdmin, "organization", Optional.empty(), Optional.of("mtr_other")))
                .isEmpty();
        assertThatThrownBy(() -> usage(world.reads).read(bobAdmin, "organization", Optional.empty(),
                Optional.of("api calls")))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_meter"));
    }

    @Test
    void anOwnerWithoutACustomerOrWithoutAMeteredSubscriptionHasAnEmptyList() {
        Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
        world.directory.user("user_carol", "Carol", "carol@example.com");
        assertThat(usage(world.reads).read(carol, "user", Optional.empty(), Optional.empty())).isEmpty();

        CustomerId carols = world.ensureCustomer.ensure(Owner.user("user_carol")).customerId().orElseThrow();
        world.payments.subscriptions.put(carols, List.of(new SubscriptionView("sub_carol", "active",
                List.of(item("si_pro", "price_pro", 1900, Optional.empty())), false, Optional.empty(),
                Optional.empty(), world.clock.instant())));
        world.sync.sync(Owner.user("user_carol"), carols);
        assertThat(usage(world.reads).read(carol, "user", Optional.empty(), Optional.empty())).isEmpty();
        assertThat(meters.calls).isEmpty();
    }

    @Test
    void aMemberWithoutReadPlanAndAnOutsiderAreRefusedBeforeStripeIsAsked() {
        Guard adminsOnly = new Guard(new DefaultAccessPolicy(new AccessRules(Grant.oneOf("org:admin"),
                Grant.oneOf("org:admin"), Grant.oneOf("org:admin"))), world.accounts, world.auditor);
        GetBillingSnapshot reads = new GetBillingSnapshot(adminsOnly, world.owners, world.sync,
                Duration.ofSeconds(1), Duration.ofSeconds(5), world.signals);

        assertThatThrownBy(() -> usage(reads).read(aliceMember, "organization", Optional.empty(), Optional.empty()))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> usage(reads).read(outsider, "organization", Optional.of("org_acme"),
                Optional.empty())).isInstanceOf(AccessDenied.class);
        assertThat(meters.calls).isEmpty();
        assertThat(usage(reads).read(bobAdmin, "organization", Optional.empty(), Optional.empty())).hasSize(2);
    }
}
