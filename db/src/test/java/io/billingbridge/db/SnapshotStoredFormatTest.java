package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.LatestInvoiceView;
import io.billingbridge.core.snapshot.LineItemView;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.PauseCollectionView;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.db.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The jsonb document of {@code customer_snapshots} against checked-in golden files: renaming a field of core's snapshot
 * records must not change what is stored, nor stop rows stored by earlier releases from being read.
 */
class SnapshotStoredFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    /** The snapshot both golden files hold: every kind of line, each optional value once present and once absent. */
    static BillingSnapshot golden() {
        SubscriptionItemView seats = new SubscriptionItemView("si_seats", "price_team", Optional.of("team_monthly"),
                "prod_team", "Team", 3, Optional.of(new Money(1200, "usd")), Optional.of("month"),
                Optional.of(T0), Optional.of(Instant.parse("2026-12-26T12:00:00Z")), Optional.of("seats"));
        SubscriptionItemView bare = new SubscriptionItemView("si_bare", "price_custom", Optional.empty(),
                "prod_custom", "Custom", 1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        return new BillingSnapshot(new CustomerId("cus_golden"),
                List.of(new SubscriptionView("sub_live", "trialing", List.of(seats), true,
                                Optional.of(Instant.parse("2026-12-10T00:00:00Z")), Optional.empty(), T0),
                        new SubscriptionView("sub_old", "canceled", List.of(bare), false, Optional.empty(),
                                Optional.of(Instant.parse("2026-10-01T08:30:15.123Z")),
                                Instant.parse("2026-01-02T03:04:05Z"))),
                List.of(new InvoiceView("in_1", Optional.of("A-0001"), "paid", new Money(3600, "usd"),
                                new Money(3600, "usd"), T0, Optional.of(URI.create("https://invoice.stripe.com/i/in_1")),
                                Optional.of("sub_live")),
                        new InvoiceView("in_2", Optional.empty(), "draft", new Money(0, "eur"), new Money(0, "eur"), T0,
                                Optional.empty(), Optional.empty())),
                List.of(new PaymentView("pi_1", new Money(500, "usd"), "succeeded", T0, Optional.of("100 credits")),
                        new PaymentView("pi_2", new Money(700, "usd"), "requires_payment_method", T0, Optional.empty())),
                List.of(new PaymentMethodView("pm_1", "card", Optional.of("visa"), Optional.of("4242"), Optional.of(12),
                                Optional.of(2030), true),
                        new PaymentMethodView("pm_2", "sepa_debit", Optional.empty(), Optional.of("3000"),
                                Optional.empty(), Optional.empty(), false)),
                List.of(new EntitlementView("feat_1", "dashboard"), new EntitlementView("feat_2", "api")),
                Instant.parse("2026-11-26T12:34:56.789Z"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SnapshotStoredFormatTest.class.getResourceAsStream("/snapshots/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theGoldenDocumentReadsIntoTheSnapshot() throws IOException {
        assertThat(SnapshotFormat.read(resource("v1.json"))).isEqualTo(golden());
    }

    @Test
    void theSnapshotIsWrittenExactlyAsTheGoldenDocument() throws IOException {
        assertThat(JSON.readTree(SnapshotFormat.write(golden()))).isEqualTo(JSON.readTree(resource("v1.json")));
    }

    @Test
    void rowsStoredBeforeTheFormatWasVersionedReadAsVersionOne() throws IOException {
        assertThat(SnapshotFormat.read(resource("v1-unversioned.json"))).isEqualTo(golden());
        ObjectNode unversioned = (ObjectNode) JSON.readTree(resource("v1.json"));
        unversioned.remove("formatVersion");
        assertThat(JSON.readTree(resource("v1-unversioned.json"))).as("the two golden files differ by the version only")
                .isEqualTo(unversioned);
    }

    @Test
    void periodCancellationPauseLatestInvoiceAndLineItemsAreStoredUnderTheirNamesAndReadBack() throws IOException {
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_pro", Optional.of("pro_monthly"),
                "prod_pro", "Pro", 1, Optional.of(new Money(1900, "usd")), Optional.of("month"), Optional.of(T0),
                Optional.of(T0.plusSeconds(86_400)), Optional.empty());
        SubscriptionView subscription = new SubscriptionView("sub_1", "past_due", List.of(item), true,
                Optional.empty(), Optional.of(T0), T0, Optional.of(T0), Optional.of(T0.plusSeconds(86_400)),
                Optional.of(T0.plusSeconds(86_400)), Optional.of(new PauseCollectionView("void", Optional.empty())),
                Optional.of(new LatestInvoiceView("in_9", "open", new Money(1900, "usd"),
                        Optional.of(URI.create("https://invoice.stripe.com/i/in_9")), Optional.empty(),
                        Optional.of(T0))), Optional.empty());
        PaymentView payment = new PaymentView("pi_9", new Money(1500, "usd"), "succeeded", T0, Optional.of("Credits"),
                List.of(new LineItemView("Credits", 3, new Money(1500, "usd"))));
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_9"), List.of(subscription), List.of(),
                List.of(payment), List.of(), List.of(), T0);

        String written = SnapshotFormat.write(snapshot);
        assertThat(SnapshotFormat.read(written)).isEqualTo(snapshot);
        ObjectNode stored = (ObjectNode) JSON.readTree(written);
        assertThat(stored.at("/subscriptions/0/cancelAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(stored.at("/subscriptions/0/pauseCollection/behavior").asText()).isEqualTo("void");
        assertThat(stored.at("/subscriptions/0/latestInvoice/dueSince").asText()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(stored.at("/subscriptions/0/latestInvoice/amountDue/amount").asLong()).isEqualTo(1900);
        assertThat(stored.at("/payments/0/lineItems/0/quantity").asLong()).isEqualTo(3);
    }

    @Test
    void aMeteredItemKeepsItsMeterAndALicensedOneWritesNone() throws IOException {
        SubscriptionItemView base = new SubscriptionItemView("si_base", "price_pro", Optional.empty(), "prod_pro",
                "Pro", 2, Optional.of(new Money(1900, "usd")), Optional.of("month"), Optional.of(T0), Optional.empty(),
                Optional.empty());
        SubscriptionItemView usage = new SubscriptionItemView("si_usage", "price_api", Optional.of("api_calls"),
                "prod_pro", "Pro", 1, Optional.of(new Money(3, "usd")), Optional.of("month"), Optional.of(T0),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("mtr_api"));
        SubscriptionView subscription = new SubscriptionView("sub_1", "active", List.of(base, usage), false,
                Optional.empty(), Optional.empty(), T0);
        BillingSnapshot snapshot = new BillingSnapshot(new CustomerId("cus_9"), List.of(subscription), List.of(),
                List.of(), List.of(), List.of(), T0);

        String written = SnapshotFormat.write(snapshot);

        assertThat(SnapshotFormat.read(written)).isEqualTo(snapshot);
        ObjectNode stored = (ObjectNode) JSON.readTree(written);
        assertThat(stored.at("/subscriptions/0/items/0").has("meter")).isFalse();
        assertThat(stored.at("/subscriptions/0/items/1/meter").asText()).isEqualTo("mtr_api");
    }

    @Test
    void aNewerFormatIsRefusedRatherThanMisread() throws IOException {
        ObjectNode newer = (ObjectNode) JSON.readTree(resource("v1.json"));
        newer.put("formatVersion", 2);
        assertThatThrownBy(() -> SnapshotFormat.read(newer.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void aRowStoredByAnEarlierReleaseIsReadAndRewrittenInTheCurrentFormat() throws IOException {
        Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        Owner acme = Owner.organization("org_acme");
        CustomerId customer = new CustomerId("cus_golden");
        JdbiBillingAccounts accounts = new JdbiBillingAccounts(jdbi);
        accounts.reserve(acme, T0);
        accounts.link(acme, customer, CustomerProfile.empty(), T0);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO customer_snapshots (customer_id, owner_type, owner_id, "
                        + "snapshot, synced_at) VALUES (:c, 'organization', 'org_acme', CAST(:doc AS jsonb), :at)")
                .bind("c", customer.value())
                .bind("doc", resource("v1-unversioned.json"))
                .bind("at", golden().syncedAt().atOffset(ZoneOffset.UTC))
                .execute());
        JdbiSnapshots snapshots = new JdbiSnapshots(jdbi);

        assertThat(snapshots.find(customer).orElseThrow().snapshot()).isEqualTo(golden());

        snapshots.save(acme, golden());
        String stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT snapshot::text FROM customer_snapshots WHERE customer_id = :c")
                .bind("c", customer.value()).mapTo(String.class).one());
        assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree(resource("v1.json")));
    }
}
