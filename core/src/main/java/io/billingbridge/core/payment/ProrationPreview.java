package io.billingbridge.core.payment;

import io.billingbridge.core.snapshot.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What Stripe's invoice preview says a plan change made now costs.
 *
 * @param amountDue what the customer would pay (never below zero; a credit goes to the customer's balance)
 * @param prorationDate the instant Stripe prorated at; apply the change with the same one to be charged the same
 */
public record ProrationPreview(Money amountDue, List<Line> lines, Instant prorationDate) {
    public ProrationPreview {
        Objects.requireNonNull(amountDue, "amountDue");
        lines = List.copyOf(lines);
        Objects.requireNonNull(prorationDate, "prorationDate");
    }

    /** One invoice line: a credit for unused time (negative), a charge for the remaining time, or a whole period. */
    public record Line(String description, Money amount, Instant periodStart, Instant periodEnd) {
        public Line {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(periodStart, "periodStart");
            Objects.requireNonNull(periodEnd, "periodEnd");
        }
    }
}
