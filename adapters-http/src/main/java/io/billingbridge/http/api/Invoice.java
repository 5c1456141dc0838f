package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.snapshot.InvoiceView;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A Stripe invoice of the owner, with the page where it can be viewed and paid. */
public record Invoice(String id, Optional<String> number, String status, Money total, Money amountPaid,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant created, Optional<URI> hostedInvoiceUrl,
        Optional<String> subscription) {
    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(hostedInvoiceUrl, "hostedInvoiceUrl");
        Objects.requireNonNull(subscription, "subscription");
    }

    public static Invoice of(InvoiceView i) {
        return new Invoice(i.id(), i.number(), i.status(), Money.of(i.total()), Money.of(i.amountPaid()), i.created(),
                i.hostedInvoiceUrl(), i.subscriptionId());
    }
}
