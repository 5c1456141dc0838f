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
 * @param subscriptions without their latest invoice when the caller may not read billing details
 * @param invoices empty (not an empty list) when the caller may not read billing details; likewise
 *     {@code payments} and {@code paymentMethods}
 * @param syncedAt when the data was fetched from the provider; empty when the owner has no customer yet
 * @param stale true when data known to be out of date could not be refreshed within the read's short wait (the
 *     provider is down or slow); the refresh goes on in the background
 * @param access the owner's access state, when computed for a frontend (its invoice URL only with details); the
 *     entitlements then are those the state grants
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
        boolean stale,
        Optional<AccessState> access) {

    public BillingView {
        Objects.requireNonNull(owner, "owner");
        subscriptions = List.copyOf(subscriptions);
        entitlements = List.copyOf(entitlements);
        access = access == null ? Optional.empty() : access;
    }

    /** An owner with no customer yet, with the access state that gives (the default plan). */
    public static BillingView none(Owner owner, boolean details, AccessStates states, Instant now) {
        BillingView none = none(owner, details);
        AccessState access = states.of(List.of(), now);
        return new BillingView(owner, Optional.empty(), List.of(), states.entitlements(access, List.of()),
                none.invoices(), none.payments(), none.paymentMethods(), Optional.empty(), false,
                Optional.of(access));
    }

    /** The snapshot as this caller may see it, with the owner's access state at {@code now}. */
    public static BillingView of(Owner owner, BillingSnapshot snapshot, boolean details, boolean stale,
            AccessStates states, Instant now) {
        return of(owner, snapshot, details, stale, states, states.of(snapshot.subscriptions(), now));
    }

    /** The snapshot as this caller may see it, with the owner's access state as computed by {@code states}. */
    public static BillingView of(Owner owner, BillingSnapshot snapshot, boolean details, boolean stale,
            AccessStates states, AccessState access) {
        BillingView view = of(owner, snapshot, details, stale);
        return new BillingView(owner, view.customerId(), view.subscriptions(),
                states.entitlements(access, snapshot.entitlements()), view.invoices(), view.payments(),
                view.paymentMethods(), view.syncedAt(), stale, Optional.of(details ? access : access.withoutUrls()));
    }

    /** An owner with no customer yet: nothing bought, nothing to show. */
    public static BillingView none(Owner owner, boolean details) {
        Optional<List<InvoiceView>> invoices = details ? Optional.of(List.of()) : Optional.empty();
        Optional<List<PaymentView>> payments = details ? Optional.of(List.of()) : Optional.empty();
        Optional<List<PaymentMethodView>> methods = details ? Optional.of(List.of()) : Optional.empty();
        return new BillingView(owner, Optional.empty(), List.of(), List.of(), invoices, payments, methods,
                Optional.empty(), false, Optional.empty());
    }

    /** The snapshot as this caller may see it. */
    public static BillingView of(Owner owner, BillingSnapshot snapshot, boolean details, boolean stale) {
        List<SubscriptionView> subscriptions = details ? snapshot.subscriptions()
                : snapshot.subscriptions().stream().map(SubscriptionView::withoutLatestInvoice).toList();
        return new BillingView(owner, Optional.of(snapshot.customerId()), subscriptions,
                snapshot.entitlements(),
                details ? Optional.of(snapshot.invoices()) : Optional.empty(),
                details ? Optional.of(snapshot.payments()) : Optional.empty(),
                details ? Optional.of(snapshot.paymentMethods()) : Optional.empty(),
                Optional.of(snapshot.syncedAt()), stale, Optional.empty());
    }
}
