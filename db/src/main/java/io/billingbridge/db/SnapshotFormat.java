package io.billingbridge.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billingbridge.core.account.CustomerId;
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
import io.billingbridge.core.snapshot.ScheduledChange;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one mapping between core's {@link BillingSnapshot} and the stored jsonb document ({@link StoredSnapshotV1}).
 *
 * <p>Writes the current version; reads every version it knows, and refuses a newer one rather than guess.
 */
final class SnapshotFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotFormat() {
    }

    /** The document to store for this snapshot. */
    static String write(BillingSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(toStored(snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot is not serialisable", e);
        }
    }

    /** The snapshot a stored document holds. */
    static BillingSnapshot read(String json) {
        try {
            JsonNode document = JSON.readTree(json);
            int version = document.path("formatVersion").asInt(StoredSnapshotV1.VERSION);
            if (version != StoredSnapshotV1.VERSION) {
                throw new IllegalStateException("stored snapshot has format version " + version
                        + ", newer than this release reads");
            }
            return fromStored(JSON.treeToValue(document, StoredSnapshotV1.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot does not match its format", e);
        }
    }

    static StoredSnapshotV1 toStored(BillingSnapshot s) {
        return new StoredSnapshotV1(StoredSnapshotV1.VERSION,
                new StoredSnapshotV1.CustomerRef(s.customerId().value()),
                map(s.subscriptions(), SnapshotFormat::toStored),
                map(s.invoices(), i -> new StoredSnapshotV1.Invoice(i.id(), i.number().orElse(null), i.status(),
                        toStored(i.total()), toStored(i.amountPaid()), i.created(), i.hostedInvoiceUrl().orElse(null),
                        i.subscriptionId().orElse(null))),
                map(s.payments(), p -> new StoredSnapshotV1.Payment(p.id(), toStored(p.amount()), p.status(),
                        p.created(), p.description().orElse(null), map(p.lineItems(), l -> new StoredSnapshotV1
                                .LineItem(l.description(), l.quantity(), toStored(l.amount()))))),
                map(s.paymentMethods(), m -> new StoredSnapshotV1.PaymentMethod(m.id(), m.type(),
                        m.brand().orElse(null), m.last4().orElse(null), m.expMonth().orElse(null),
                        m.expYear().orElse(null), m.isDefault())),
                map(s.entitlements(), e -> new StoredSnapshotV1.Entitlement(e.featureId(), e.lookupKey())),
                s.syncedAt());
    }

    static BillingSnapshot fromStored(StoredSnapshotV1 s) {
        return new BillingSnapshot(new CustomerId(s.customerId().value()),
                map(s.subscriptions(), SnapshotFormat::fromStored),
                map(s.invoices(), i -> new InvoiceView(i.id(), Optional.ofNullable(i.number()), i.status(),
                        fromStored(i.total()), fromStored(i.amountPaid()), i.created(),
                        Optional.ofNullable(i.hostedInvoiceUrl()), Optional.ofNullable(i.subscriptionId()))),
                map(s.payments(), p -> new PaymentView(p.id(), fromStored(p.amount()), p.status(), p.created(),
                        Optional.ofNullable(p.description()), map(p.lineItems(), l -> new LineItemView(
                                l.description(), l.quantity(), fromStored(l.amount()))))),
                map(s.paymentMethods(), m -> new PaymentMethodView(m.id(), m.type(), Optional.ofNullable(m.brand()),
                        Optional.ofNullable(m.last4()), Optional.ofNullable(m.expMonth()),
                        Optional.ofNullable(m.expYear()), m.defaultMethod())),
                map(s.entitlements(), e -> new EntitlementView(e.featureId(), e.lookupKey())),
                s.syncedAt());
    }

    private static StoredSnapshotV1.Subscription toStored(SubscriptionView s) {
        return new StoredSnapshotV1.Subscription(s.id(), s.status(),
                map(s.items(), i -> new StoredSnapshotV1.Item(i.id(), i.priceId(), i.lookupKey().orElse(null),
                        i.productId(), i.productName(), i.quantity(), i.unitAmount().map(SnapshotFormat::toStored)
                        .orElse(null), i.interval().orElse(null), i.currentPeriodStart().orElse(null),
                        i.currentPeriodEnd().orElse(null), i.quantityRule().orElse(null),
                        i.productGroup().orElse(null), i.meter().orElse(null))),
                s.cancelAtPeriodEnd(), s.trialEnd().orElse(null), s.canceledAt().orElse(null), s.created(),
                s.isLive(), s.currentPeriodStart().orElse(null), s.currentPeriodEnd().orElse(null),
                s.cancelAt().orElse(null),
                s.pauseCollection().map(p -> new StoredSnapshotV1.PauseCollection(p.behavior(),
                        p.resumesAt().orElse(null))).orElse(null),
                s.latestInvoice().map(i -> new StoredSnapshotV1.LatestInvoice(i.id(), i.status(),
                        toStored(i.amountDue()), i.hostedInvoiceUrl().orElse(null), i.invoicePdf().orElse(null),
                        i.dueSince().orElse(null))).orElse(null),
                s.scheduledChange().map(c -> new StoredSnapshotV1.ScheduledChange(c.effectiveAt(),
                        c.priceId(), c.lookupKey().orElse(null), c.productName(), c.quantity())).orElse(null));
    }

    private static SubscriptionView fromStored(StoredSnapshotV1.Subscription s) {
        return new SubscriptionView(s.id(), s.status(),
                map(s.items(), i -> new SubscriptionItemView(i.id(), i.priceId(), Optional.ofNullable(i.lookupKey()),
                        i.productId(), i.productName(), i.quantity(),
                        Optional.ofNullable(i.unitAmount()).map(SnapshotFormat::fromStored),
                        Optional.ofNullable(i.interval()), Optional.ofNullable(i.currentPeriodStart()),
                        Optional.ofNullable(i.currentPeriodEnd()), Optional.ofNullable(i.quantityRule()),
                        Optional.ofNullable(i.productGroup()), Optional.ofNullable(i.meter()))),
                s.cancelAtPeriodEnd(), Optional.ofNullable(s.trialEnd()), Optional.ofNullable(s.canceledAt()),
                s.created(), Optional.ofNullable(s.currentPeriodStart()), Optional.ofNullable(s.currentPeriodEnd()),
                Optional.ofNullable(s.cancelAt()),
                Optional.ofNullable(s.pauseCollection()).map(p -> new PauseCollectionView(p.behavior(),
                        Optional.ofNullable(p.resumesAt()))),
                Optional.ofNullable(s.latestInvoice()).map(i -> new LatestInvoiceView(i.id(), i.status(),
                        fromStored(i.amountDue()), Optional.ofNullable(i.hostedInvoiceUrl()),
                        Optional.ofNullable(i.invoicePdf()), Optional.ofNullable(i.dueSince()))),
                Optional.ofNullable(s.scheduledChange()).map(c -> new ScheduledChange(c.effectiveAt(),
                        c.priceId(), Optional.ofNullable(c.lookupKey()), c.productName(), c.quantity())));
    }

    private static StoredSnapshotV1.Money toStored(Money m) {
        return new StoredSnapshotV1.Money(m.amount(), m.currency());
    }

    private static Money fromStored(StoredSnapshotV1.Money m) {
        return new Money(m.amount(), m.currency());
    }

    /** A stored list; a missing one (never written, but tolerated) reads as empty. */
    private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
        return list == null ? List.of() : list.stream().map(f).toList();
    }
}
