package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A plan change waiting for the end of the period; it can be withdrawn until then. */
public record ScheduledChange(@JsonFormat(shape = JsonFormat.Shape.STRING) Instant effectiveAt, String price,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> lookupKey, String productName,
        long quantity) {
    public ScheduledChange {
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(productName, "productName");
    }

    public static ScheduledChange of(io.billingbridge.core.snapshot.ScheduledChange change) {
        return new ScheduledChange(change.effectiveAt(), change.priceId(), change.lookupKey(), change.productName(),
                change.quantity());
    }
}
