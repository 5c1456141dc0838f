package io.billingbridge.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.FakeDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishBillingToIdentityTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static SubscriptionView subscription(String id, String status, String lookupKey) {
        SubscriptionItemView item = new SubscriptionItemView("si_" + id, "price_" + id, Optional.ofNullable(lookupKey),
                "prod_1", "Team", 3, Optional.empty(), Optional.of("month"), Optional.empty(), Optional.empty(), Optional.empty());
        return new SubscriptionView(id, status, List.of(item), false, Optional.empty(), Optional.empty(), NOW);
    }

    @Test
    void publishesLivePlansStatusAndEntitlementsUnderOneKey() {
        FakeDirectory directory = new FakeDirectory();
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_1"),
                List.of(subscription("sub_old", "canceled", "basic_monthly"), subscription("sub_1", "trialing", "team_monthly")),
                List.of(), List.of(), List.of(), List.of(new EntitlementView("feat_2", "teams"),
                        new EntitlementView("feat_1", "dashboard")), NOW);

        new PublishBillingToIdentity(directory, "billing").snapshotChanged(Owner.organization("org_acme"), snapshot);

        assertThat(directory.published).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo(Owner.organization("org_acme"));
            assertThat(entry.getValue()).isEqualTo(Map.of("billing", Map.of(
                    "plans", List.of("team_monthly"), "status", "trialing", "entitlements", List.of("dashboard", "teams"))));
        });
    }

    @Test
    void nothingLiveMeansStatusNone() {
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_1"), List.of(subscription("s", "canceled", null)),
                List.of(), List.of(), List.of(), List.of(), NOW);
        assertThat(PublishBillingToIdentity.summary(snapshot))
                .containsEntry("status", "none").containsEntry("plans", List.of());
    }
}
