package io.billingbridge.core.snapshot;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An invoice in the purchase history. */
public record InvoiceView(String id, Optional<String> number, String status, Money total, Money amountPaid,
        Instant created, Optional<URI> hostedInvoiceUrl, Optional<String> subscriptionId) {

    public InvoiceView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(created, "created");
    }
}
