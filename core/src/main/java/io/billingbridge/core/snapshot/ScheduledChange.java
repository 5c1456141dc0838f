package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan change waiting for the end of the period (a subscription schedule's next phase).
 *
 * @param effectiveAt when the subscription switches to the new price
 */
public record ScheduledChange(Instant effectiveAt, String priceId, Optional<String> lookupKey, String productName,
        long quantity) {
    public ScheduledChange {
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(productName, "productName");
    }
}
