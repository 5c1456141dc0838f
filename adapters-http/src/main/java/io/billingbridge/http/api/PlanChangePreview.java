package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan change would cost and when it takes effect; send {@code prorationDate} back with the change to be
 * charged exactly {@code amountDue}.
 */
public record PlanChangePreview(String subscription, String price, long quantity,
        @Schema(allowableValues = {"now", "period_end"}) String when, Money amountDue, List<PlanChangeLine> lines,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> prorationDate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant effectiveAt) {
    public PlanChangePreview {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(amountDue, "amountDue");
        lines = List.copyOf(lines);
        Objects.requireNonNull(prorationDate, "prorationDate");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }

    public static PlanChangePreview of(io.billingbridge.core.lifecycle.PlanChangePreview p) {
        return new PlanChangePreview(p.subscription(), p.price(), p.quantity(), p.when().wireName(),
                Money.of(p.amountDue()), p.lines().stream().map(PlanChangeLine::of).toList(), p.prorationDate(),
                p.effectiveAt());
    }
}
