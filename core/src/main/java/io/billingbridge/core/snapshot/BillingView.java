package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller may see of an owner's billing: the plan always, the billing details only when the policy allows.
 *
 * @param invoices empty (not an empty list) when the caller may not read billing details; likewise
 *     {@code payments} and {@code paymentMethods}
 * @param syncedAt when the data was fetched from the provider; empty when the owner has no customer yet
 * @param stale true when data known to be out of date could not be refreshed within the read's short wait (the
 *     provider is down or slow); the refresh goes on in the background
 */
public record BillingView(
        Owner owner,
        Optional<CustomerId> customerId,
        List<SubscriptionView> subscriptions,
        List<EntitlementView> entitlements,
        Optional<List<InvoiceView>> invoices,
        Optional<List<PaymentView>> payments,
        Optional<List<PaymentMethodView>> paymentMethods,
        Optional<Instant> syncedAt,
        boolean stale) {

    public BillingView {
        Objects.requireNonNull(owner, "owner");
        subscriptions = List.copyOf(subscriptions);
        entitlements = List.copyOf(entitlements);
    }

    /** An owner with no customer yet: nothing bought, nothing to show. */
    public static BillingView none(Owner owner, boolean details) {
        Optional<List<InvoiceView>> invoices = details ? Optional.of(List.of()) : Optional.empty();
        Optional<List<PaymentView>> payments = details ? Optional.of(List.of()) : Optional.empty();
        Optional<List<PaymentMethodView>> methods = details ? Optional.of(List.of()) : Optional.empty();
        return new BillingView(owner, Optional.empty(), List.of(), List.of(), invoices, payments, methods,
                Optional.empty(), false);
    }

    /** The snapshot as this caller may see it. */
    public static BillingView of(Owner owner, BillingSnapshot snapshot, boolean details, boolean stale) {
        return new BillingView(owner, Optional.of(snapshot.customerId()), snapshot.subscriptions(),
                snapshot.entitlements(),
                details ? Optional.of(snapshot.invoices()) : Optional.empty(),
                details ? Optional.of(snapshot.payments()) : Optional.empty(),
                details ? Optional.of(snapshot.paymentMethods()) : Optional.empty(),
                Optional.of(snapshot.syncedAt()), stale);
    }
}
