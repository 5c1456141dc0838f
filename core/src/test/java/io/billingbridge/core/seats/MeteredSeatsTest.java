package io.billingbridge.core.seats;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemorySeatUpdateBudget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeteredSeatsTest {
    private final BillingWorld world = new BillingWorld();

    @AfterEach
    void stop() {
        world.background.shutdownNow();
    }

    private static SubscriptionItemView item(String id, String price, Optional<String> meter) {
        return new SubscriptionItemView(id, price, Optional.empty(), "prod_team", "Team", 1,
                Optional.of(new Money(1000, "usd")), Optional.of("month"), Optional.empty(), Optional.empty(),
                Optional.of("seats"), Optional.empty(), meter);
    }

    @Test
    void seatsChangeTheLicensedItemAndNeverTheMeteredOneOfTheSameSeatCountedProduct() {
        world.directory.user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice", "user_carol");
        Owner acme = Owner.organization("org_acme");
        CustomerId customer = world.ensureCustomer.ensure(acme).customerId().orElseThrow();
        world.payments.subscriptions.put(customer, List.of(new SubscriptionView("sub_acme", "active", List.of(
                item("si_seats", "price_team", Optional.empty()),
                item("si_usage", "price_team_usage", Optional.of("mtr_api"))), false, Optional.empty(),
                Optional.empty(), world.clock.instant())));
        SyncSeats seats = new SyncSeats(world.accounts, new SeatCounter(world.directory), world.payments, world.sync,
                new QuantityRule.Fixed(1), new InMemorySeatUpdateBudget(), world.clock);

        assertThat(seats.sync((Owner.Organization) acme)).isEqualTo(1);
        assertThat(world.payments.calls).containsOnlyOnce("subscriptions.update_quantity");
    }
}
