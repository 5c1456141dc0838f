package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A Stripe invoice of the owner.
 *
 * @param number null for a draft
 * @param hostedInvoiceUrl the page where the invoice can be viewed and paid; null when none
 * @param subscription null for a one-off invoice
 */
public record Invoice(String id, String number, String status, Money total, Money amountPaid, Instant created,
        String hostedInvoiceUrl, String subscription) {
    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
    }
}
