package io.billingbridge.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.BackfillCustomers.Counts;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackfillCustomersTest {
    private final BillingWorld world = new BillingWorld();
    private final BackfillCustomers backfill = new BackfillCustomers(world.directory, world.accounts,
            world.ensureCustomer);

    @BeforeEach
    void people() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice");
    }

    @Test
    void aCustomerLeftInStripeByACrashIsCountedAsRecoveredNotCreated() {
        world.payments.orphans.put(Owner.user("user_alice"), new CustomerId("cus_orphan"));

        BackfillCustomers.Result result = backfill.run();

        assertThat(result.users()).isEqualTo(new Counts(1, 1, 0, 0));
        assertThat(result.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(world.accounts.find(Owner.user("user_alice")).flatMap(BillingAccount::customerId))
                .contains(new CustomerId("cus_orphan"));
        assertThat(world.payments.calls).containsOnlyOnce("customers.update").filteredOn("customers.create"::equals)
                .hasSize(2);
    }

    @Test
    void aSecondRunCountsEveryOwnerAsAlreadyHavingOne() {
        world.payments.orphans.put(Owner.user("user_alice"), new CustomerId("cus_orphan"));
        backfill.run();

        BackfillCustomers.Result again = backfill.run();

        assertThat(again.users()).isEqualTo(new Counts(0, 0, 2, 0));
        assertThat(again.organizations()).isEqualTo(new Counts(0, 0, 1, 0));
    }

    @Test
    void anOwnerWhoseCustomerCannotBeMadeIsCountedAsFailed() {
        world.payments.down.set(true);

        BackfillCustomers.Result result = backfill.run();

        assertThat(result.users()).isEqualTo(new Counts(0, 0, 0, 2));
        assertThat(result.organizations()).isEqualTo(new Counts(0, 0, 0, 1));
    }
}
