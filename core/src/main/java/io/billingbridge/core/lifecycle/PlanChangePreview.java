package io.billingbridge.core.lifecycle;

import io.billingbridge.core.payment.ProrationPreview;
import io.billingbridge.core.snapshot.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan change would cost and when it would take effect.
 *
 * @param prorationDate for a change now, the instant it was prorated at (send it with the change)
 */
public record PlanChangePreview(String subscription, String price, long quantity, PlanChangePolicy.When when,
        Money amountDue, List<ProrationPreview.Line> lines, Optional<Instant> prorationDate, Instant effectiveAt) {
    public PlanChangePreview {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(amountDue, "amountDue");
        lines = List.copyOf(lines);
        Objects.requireNonNull(prorationDate, "prorationDate");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }
}
