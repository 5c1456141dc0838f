package io.billingbridge.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.BackfillCustomers.Counts;
import io.billingbridge.core.account.BackfillCustomers.Options;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemoryBackfillCursors;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackfillCustomersTest {
    private final BillingWorld world = new BillingWorld();
    private final InMemoryBackfillCursors cursors = new InMemoryBackfillCursors();
    private final BackfillCustomers backfill = new BackfillCustomers(world.directory, world.accounts,
            world.ensureCustomer, cursors);

    @BeforeEach
    void people() {
        world.directory.user("user_alice", "Alice", "alice@example.com").user("user_bob", "Bob", "bob@example.com")
                .user("user_carol", "Carol", "carol@example.com")
                .organization("org_acme", "Acme", "user_bob", "user_alice");
    }

    private static Options limit(int owners) {
        return new Options(false, false, OptionalInt.of(owners));
    }

    private long customersOf(Owner owner) {
        return world.payments.customersByIdempotencyKey.values().stream()
                .filter(c -> owner.equals(world.payments.customerOwners.get(c))).count();
    }

    @Test
    void aCustomerLeftInStripeByACrashIsCountedAsRecoveredNotCreated() {
        world.payments.orphans.put(Owner.user("user_alice"), new CustomerId("cus_orphan"));

        BackfillCustomers.Result result = backfill.run();

        assertThat(result.users()).isEqualTo(new Counts(2, 1, 0, 0));
        assertThat(result.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(result.complete()).isTrue();
        assertThat(result.resumed()).isEmpty();
        assertThat(world.accounts.find(Owner.user("user_alice")).flatMap(BillingAccount::customerId))
                .contains(new CustomerId("cus_orphan"));
        assertThat(world.payments.calls).containsOnlyOnce("customers.update").filteredOn("customers.create"::equals)
                .hasSize(3);
    }

    @Test
    void aSecondRunCountsEveryOwnerAsAlreadyHavingOne() {
        world.payments.orphans.put(Owner.user("user_alice"), new CustomerId("cus_orphan"));
        backfill.run();

        BackfillCustomers.Result again = backfill.run();

        assertThat(again.users()).isEqualTo(new Counts(0, 0, 3, 0));
        assertThat(again.organizations()).isEqualTo(new Counts(0, 0, 1, 0));
    }

    @Test
    void anOwnerWhoseCustomerCannotBeMadeIsCountedAsFailed() {
        world.payments.down.set(true);

        BackfillCustomers.Result result = backfill.run();

        assertThat(result.users()).isEqualTo(new Counts(0, 0, 0, 3));
        assertThat(result.organizations()).isEqualTo(new Counts(0, 0, 0, 1));
    }

    @Test
    void aDryRunListsWhoWouldGetACustomerAndWritesNothing() {
        world.ensureCustomer.ensure(Owner.user("user_bob"));
        world.payments.calls.clear();

        BackfillCustomers.Result result = backfill.run(new Options(true, false, OptionalInt.empty()),
                WalkProgress.NONE);

        assertThat(result.users()).isEqualTo(new Counts(2, 0, 1, 0));
        assertThat(result.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(result.pending()).containsExactly(Owner.user("user_alice"), Owner.user("user_carol"),
                Owner.organization("org_acme"));
        assertThat(world.payments.calls).isEmpty();
        assertThat(world.accounts.find(Owner.user("user_alice"))).isEmpty();
        assertThat(cursors.find()).isEmpty();
    }

    @Test
    void aRunStoppedAtItsLimitLeavesACursorAndTheNextRunResumesAfterIt() {
        BackfillCustomers.Result first = backfill.run(limit(2), WalkProgress.NONE);

        assertThat(first.complete()).isFalse();
        assertThat(first.users()).isEqualTo(new Counts(2, 0, 0, 0));
        assertThat(cursors.find()).hasValueSatisfying(c -> {
            assertThat(c.stage()).isEqualTo(OwnerType.USER);
            assertThat(c.position()).isEqualTo(2);
            assertThat(c.last()).isEqualTo(Owner.user("user_bob"));
        });

        BackfillCustomers.Result second = backfill.run();

        assertThat(second.complete()).isTrue();
        assertThat(second.resumed()).containsInstanceOf(BackfillCustomers.Resumed.AfterCursor.class);
        assertThat(second.users()).isEqualTo(new Counts(3, 0, 0, 0));
        assertThat(second.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(cursors.find()).isEmpty();
        assertThat(world.payments.calls).filteredOn("customers.create"::equals).hasSize(4);
        for (Owner owner : List.of(Owner.user("user_alice"), Owner.user("user_bob"), Owner.user("user_carol"),
                Owner.organization("org_acme"))) {
            assertThat(customersOf(owner)).as(owner.key()).isEqualTo(1);
        }
    }

    @Test
    void anOutageMidRunStopsItAndTheNextRunResumesWithTheCountsOfBoth() {
        world.directory.organizationsDown = true;

        assertThatThrownBy(backfill::run).isInstanceOf(ProviderUnavailable.class);
        assertThat(cursors.find()).hasValueSatisfying(c -> assertThat(c.users()).isEqualTo(new Counts(3, 0, 0, 0)));

        world.directory.organizationsDown = false;
        world.payments.calls.clear();
        BackfillCustomers.Result resumed = backfill.run();

        assertThat(resumed.resumed()).containsInstanceOf(BackfillCustomers.Resumed.AfterCursor.class);
        assertThat(resumed.users()).isEqualTo(new Counts(3, 0, 0, 0));
        assertThat(resumed.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(world.payments.calls).filteredOn("customers.create"::equals).hasSize(1);
    }

    @Test
    void whenTheDirectoryShiftedSinceTheInterruptionTheOwnerTypeIsWalkedAgainFromItsStart() {
        backfill.run(limit(2), WalkProgress.NONE);
        world.directory.users.remove(new UserId("user_alice"));

        BackfillCustomers.Result resumed = backfill.run();

        assertThat(resumed.resumed()).containsInstanceOf(BackfillCustomers.Resumed.Rewound.class);
        assertThat(resumed.users()).isEqualTo(new Counts(1, 0, 1, 0));
        assertThat(customersOf(Owner.user("user_carol"))).isEqualTo(1);
        assertThat(customersOf(Owner.user("user_bob"))).isEqualTo(1);
    }

    @Test
    void restartIgnoresTheCursor() {
        backfill.run(limit(3), WalkProgress.NONE);

        BackfillCustomers.Result again = backfill.run(new Options(false, true, OptionalInt.empty()),
                WalkProgress.NONE);

        assertThat(again.resumed()).isEmpty();
        assertThat(again.users()).isEqualTo(new Counts(0, 0, 3, 0));
        assertThat(again.organizations()).isEqualTo(new Counts(1, 0, 0, 0));
    }

    @Test
    void progressHearsEachStageWithWhatIsLeftAndEachOwner() {
        List<String> heard = new ArrayList<>();
        WalkProgress progress = new WalkProgress() {
            @Override
            public void stage(String name, OptionalLong total) {
                heard.add("stage " + name + " of " + total.orElse(-1));
            }

            @Override
            public void advance(long done) {
                heard.add("+" + done);
            }

            @Override
            public void finish() {
                heard.add("finish");
            }
        };

        backfill.run(limit(2), WalkProgress.NONE);
        backfill.run(Options.DEFAULTS, progress);

        assertThat(heard).as("the totals are what is left after the cursor").containsExactly("stage users of 1", "+1",
                "stage organizations of 1", "+1", "finish");
    }
}
