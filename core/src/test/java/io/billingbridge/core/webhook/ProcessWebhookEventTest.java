package io.billingbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessWebhookEventTest {
    private final BillingWorld world = new BillingWorld();
    private final ProcessWebhookEvent process = WebhookWorkerTest.processor(world, false);

    @Test
    void everyCaseOfWorkCanBeDone() {
        for (WebhookWork work : WebhookWorkTest.EXAMPLES) {
            assertThatCode(() -> process.process(work)).as(work.describe()).doesNotThrowAnyException();
        }
    }

    @Test
    void resyncingOurCustomerFetchesItsStateAndSomeoneElsesDoesNothing() {
        world.directory.user("user_alice", "Alice", null);
        CustomerId alice = world.ensureCustomer.ensure(Owner.user("user_alice")).customerId().orElseThrow();
        world.payments.calls.clear();

        process.process(new WebhookWork.ResyncCustomer(new CustomerId("cus_someoneelse")));
        assertThat(world.payments.calls).isEmpty();

        process.process(new WebhookWork.ResyncCustomer(alice));
        assertThat(world.payments.calls).containsExactly("snapshot.fetch");
        assertThat(world.snapshots.find(alice)).isPresent();
    }

    @Test
    void aChangedOwnerUpdatesItsCustomer() {
        world.directory.user("user_alice", "Alice", null);
        world.ensureCustomer.ensure(Owner.user("user_alice"));
        world.directory.user("user_alice", "Alicia", null);
        world.payments.calls.clear();

        process.process(new WebhookWork.OwnerChanged(Owner.user("user_alice")));

        assertThat(world.payments.calls).containsExactly("customers.update");
    }

    @Test
    void aDeletedOwnersAccountIsMarkedDeleted() {
        world.directory.user("user_alice", "Alice", null);
        world.ensureCustomer.ensure(Owner.user("user_alice"));

        process.process(new WebhookWork.OwnerDeleted(Owner.user("user_alice")));

        assertThat(world.accounts.find(Owner.user("user_alice")).orElseThrow().syncState()).isEqualTo(SyncState.DELETED);
    }

    @Test
    void aMembershipChangeResyncsTheOrganization() {
        world.directory.organization("org_acme", "Acme", "user_alice");
        world.ensureCustomer.ensure(Owner.organization("org_acme"));
        OrganizationId acme = new OrganizationId("org_acme");
        world.directory.organizations.put(acme, new OrganizationProfile(acme, "Acme Renamed", Optional.empty(),
                Optional.of(1), Map.of()));
        world.payments.calls.clear();

        process.process(new WebhookWork.MembershipChanged(acme));

        assertThat(world.payments.calls).contains("snapshot.fetch", "customers.update");
    }

    @Test
    void workThatNeedsNothingCallsNoOne() {
        process.process(new WebhookWork.Nothing());
        process.process(new WebhookWork.OwnerCreated(Owner.user("user_new")));

        assertThat(world.payments.calls).isEmpty();
        assertThat(world.accounts.find(Owner.user("user_new"))).isEmpty();
    }
}
