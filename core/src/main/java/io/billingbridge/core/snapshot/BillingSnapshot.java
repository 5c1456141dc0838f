package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything Billing Bridge shows about one customer, as fetched from the payment provider at {@link #syncedAt()}.
 *
 * <p>Stored locally so reads make no provider call; re-fetched whole on every event.
 */
public record BillingSnapshot(
        CustomerId customerId,
        List<SubscriptionView> subscriptions,
        List<InvoiceView> invoices,
        List<PaymentView> payments,
        List<PaymentMethodView> paymentMethods,
        List<EntitlementView> entitlements,
        Instant syncedAt) {

    public BillingSnapshot {
        Objects.requireNonNull(customerId, "customerId");
        subscriptions = List.copyOf(subscriptions);
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
        paymentMethods = List.copyOf(paymentMethods);
        entitlements = List.copyOf(entitlements);
        Objects.requireNonNull(syncedAt, "syncedAt");
    }

    /** True when the billing state is the same, ignoring when it was fetched. */
    public boolean sameStateAs(BillingSnapshot other) {
        return other != null && customerId.equals(other.customerId) && subscriptions.equals(other.subscriptions)
                && invoices.equals(other.invoices) && payments.equals(other.payments)
                && paymentMethods.equals(other.paymentMethods) && entitlements.equals(other.entitlements);
    }

    /** Lookup keys of the active entitlements. */
    public Set<String> entitlementKeys() {
        return entitlements.stream().map(EntitlementView::lookupKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
