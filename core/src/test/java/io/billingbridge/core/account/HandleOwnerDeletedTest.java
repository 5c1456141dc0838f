package io.billingbridge.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandleOwnerDeletedTest {
    private final BillingWorld world = new BillingWorld();
    private final Owner alice = Owner.user("user_alice");

    @BeforeEach
    void customer() {
        world.directory.user("user_alice", "Alice", null);
        world.ensureCustomer.ensure(alice);
        world.payments.calls.clear();
    }

    private void deleteWith(DeletionPolicy policy) {
        new HandleOwnerDeleted(world.accounts, world.payments, policy, world.clock).handle(alice);
    }

    @Test
    void keepLeavesStripeAloneAndMarksTheAccount() {
        deleteWith(DeletionPolicy.KEEP);
        assertThat(world.payments.calls).isEmpty();
        assertThat(world.accounts.find(alice).orElseThrow().syncState()).isEqualTo(SyncState.DELETED);
    }

    @Test
    void cancelAtPeriodEndSchedulesCancellation() {
        deleteWith(DeletionPolicy.CANCEL_AT_PERIOD_END);
        assertThat(world.payments.calls).containsExactly("subscriptions.cancel_at_period_end");
    }

    @Test
    void cancelNowAndDeleteRemovesTheCustomerOnce() {
        deleteWith(DeletionPolicy.CANCEL_NOW_AND_DELETE);
        deleteWith(DeletionPolicy.CANCEL_NOW_AND_DELETE);
        assertThat(world.payments.calls).containsExactly("subscriptions.cancel", "customers.delete");
    }
}
