package io.billingbridge.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessStateSettings;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.DefaultPlan;
import io.billingbridge.core.snapshot.LatestInvoiceView;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.testing.FakeDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishBillingToIdentityTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final AccessStates STATES = new AccessStates(new AccessStateSettings(Duration.ofDays(3), false,
            false, new DefaultPlan(Optional.of("Free"), List.of("basic_export"))));

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

        new PublishBillingToIdentity(directory, "billing", STATES, Clock.fixed(NOW, ZoneOffset.UTC))
                .snapshotChanged(Owner.organization("org_acme"), snapshot);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("plans", List.of("team_monthly"));
        expected.put("status", "trialing");
        expected.put("entitlements", List.of("dashboard", "teams"));
        expected.put("plan", "Team");
        expected.put("state", "trialing");
        expected.put("graceEndsAt", null);
        assertThat(directory.published).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo(Owner.organization("org_acme"));
            assertThat(entry.getValue()).isEqualTo(Map.of("billing", expected));
        });
    }

    @Test
    void nothingLiveMeansStatusNoneAndTheDefaultPlanWithItsEntitlements() {
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_1"), List.of(subscription("s", "canceled", null)),
                List.of(), List.of(), List.of(), List.of(), NOW);
        assertThat(PublishBillingToIdentity.summary(snapshot, STATES, NOW))
                .containsEntry("status", "none").containsEntry("plans", List.of())
                .containsEntry("state", "none").containsEntry("plan", "Free")
                .containsEntry("entitlements", List.of("basic_export"));
    }

    @Test
    void pastDueWithinGracePublishesWhenTheGraceEndsAndNoUrl() {
        SubscriptionView pastDue = subscription("sub_1", "past_due", "team_monthly");
        SubscriptionView withInvoice = new SubscriptionView(pastDue.id(), pastDue.status(), pastDue.items(), false,
                Optional.empty(), Optional.empty(), NOW, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new LatestInvoiceView("in_1", "open", new Money(1000, "usd"),
                        Optional.of(URI.create("https://invoice.example/in_1")), Optional.empty(),
                        Optional.of(NOW.minus(Duration.ofDays(2))))), Optional.empty());
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_1"), List.of(withInvoice), List.of(),
                List.of(), List.of(), List.of(new EntitlementView("feat_1", "teams")), NOW);
        Map<String, Object> summary = PublishBillingToIdentity.summary(snapshot, STATES, NOW);
        assertThat(summary).containsEntry("state", "grace")
                .containsEntry("graceEndsAt", NOW.plus(Duration.ofDays(1)).toString())
                .containsEntry("entitlements", List.of("teams"));
        assertThat(summary.values().toString()).doesNotContain("invoice.example");
    }
}
