package io.billingbridge.core.snapshot;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription's most recent invoice: what it asks for and where it can be paid.
 *
 * @param dueSince when it became due: its {@code due_date} for invoices sent to the customer, else when it was
 *     finalized (a charged-automatically invoice is due, and first attempted, at finalization); empty for a draft
 */
public record LatestInvoiceView(String id, String status, Money amountDue, Optional<URI> hostedInvoiceUrl,
        Optional<URI> invoicePdf, Optional<Instant> dueSince) {
    public LatestInvoiceView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(hostedInvoiceUrl, "hostedInvoiceUrl");
        Objects.requireNonNull(invoicePdf, "invoicePdf");
        Objects.requireNonNull(dueSince, "dueSince");
    }

    /** True while the invoice waits for payment. */
    public boolean isOpen() {
        return "open".equals(status);
    }
}
