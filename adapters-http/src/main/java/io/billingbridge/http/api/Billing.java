package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.EntitlementView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An owner's billing data: customer, subscriptions and entitlements, and for callers who may read details also
 * invoices, payments and payment methods (absent, not null, for the others).
 *
 * @param entitlements the entitlement lookup keys the owner holds now (the default plan's when it has no access)
 * @param access whether the owner has access now, by which plan, and what would restore it
 */
public record Billing(Owner owner, Optional<String> customer, List<Subscription> subscriptions,
        List<String> entitlements,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<Invoice>> invoices,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<Payment>> payments,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<PaymentMethod>> paymentMethods,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> syncedAt, boolean stale,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Access> access) {
    public Billing {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        subscriptions = List.copyOf(subscriptions);
        entitlements = List.copyOf(entitlements);
        invoices = invoices.map(List::copyOf);
        payments = payments.map(List::copyOf);
        paymentMethods = paymentMethods.map(List::copyOf);
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(access, "access");
    }

    public static Billing of(BillingView view) {
        return new Billing(Owner.of(view.owner()), view.customerId().map(c -> c.value()),
                view.subscriptions().stream().map(Subscription::of).toList(),
                view.entitlements().stream().map(EntitlementView::lookupKey).toList(),
                view.invoices().map(list -> list.stream().map(Invoice::of).toList()),
                view.payments().map(list -> list.stream().map(Payment::of).toList()),
                view.paymentMethods().map(list -> list.stream().map(PaymentMethod::of).toList()),
                view.syncedAt(), view.stale(), view.access().map(Access::of));
    }
}
