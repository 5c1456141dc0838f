package io.billingbridge.console.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An owner's stored billing snapshot with every detail.
 *
 * @param customer null when none
 * @param syncedAt null when never synced
 */
public record Billing(Owner owner, String customer, List<Subscription> subscriptions, List<String> entitlements,
        List<Invoice> invoices, List<Payment> payments, List<PaymentMethod> paymentMethods, Instant syncedAt,
        boolean stale) {
    public Billing {
        Objects.requireNonNull(owner, "owner");
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
        invoices = invoices == null ? List.of() : List.copyOf(invoices);
        payments = payments == null ? List.of() : List.copyOf(payments);
        paymentMethods = paymentMethods == null ? List.of() : List.copyOf(paymentMethods);
    }
}
