package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.payment.ProrationPreview;
import java.time.Instant;
import java.util.Objects;

/** One line of a plan change preview: a credit for unused time (negative), remaining time, or a whole period. */
public record PlanChangeLine(String description, Money amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant periodStart,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant periodEnd) {
    public PlanChangeLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
    }

    public static PlanChangeLine of(ProrationPreview.Line line) {
        return new PlanChangeLine(line.description(), Money.of(line.amount()), line.periodStart(), line.periodEnd());
    }
}
