package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.snapshot.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice whose payment failed or waits for the customer, as the owner's billing view shows it.
 *
 * @param hostedInvoiceUrl the page where the customer pays or authenticates (the billing view shows it to those who
 *     may read billing details)
 * @param attemptCount how many payment attempts Stripe made
 * @param nextAttempt when Stripe tries again, if it will
 */
public record InvoiceNotice(InvoiceId invoice, Optional<CustomerId> customer, Money amountDue,
        Optional<URI> hostedInvoiceUrl, int attemptCount, Optional<Instant> nextAttempt) {
    public InvoiceNotice {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(hostedInvoiceUrl, "hostedInvoiceUrl");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        if (attemptCount < 0) {
            throw new IllegalArgumentException("an attempt count cannot be negative");
        }
    }
}
