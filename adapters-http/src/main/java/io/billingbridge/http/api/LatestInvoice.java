package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.snapshot.LatestInvoiceView;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A subscription's most recent invoice, with where it can be paid and downloaded. */
public record LatestInvoice(String id, String status, Money amountDue,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<URI> hostedInvoiceUrl,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<URI> invoicePdf) {
    public LatestInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(hostedInvoiceUrl, "hostedInvoiceUrl");
        Objects.requireNonNull(invoicePdf, "invoicePdf");
    }

    public static LatestInvoice of(LatestInvoiceView i) {
        return new LatestInvoice(i.id(), i.status(), Money.of(i.amountDue()), i.hostedInvoiceUrl(), i.invoicePdf());
    }
}
