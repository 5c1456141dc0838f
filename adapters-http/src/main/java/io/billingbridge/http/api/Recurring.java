package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring price's interval: {@code month} every {@code 1}; a {@code metered} price charges the usage reported to
 * its {@code meter} at the period's end, and checkout takes no quantity for it.
 */
public record Recurring(String interval, int intervalCount,
        @Schema(allowableValues = {"licensed", "metered"}) String usageType, Optional<String> meter) {
    public Recurring {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(usageType, "usageType");
        Objects.requireNonNull(meter, "meter");
    }
}
