package io.billingbridge.core.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to preview or make a plan change, as the client sent it.
 *
 * @param price the target price id or lookup key
 * @param when {@code now} or {@code period_end}; empty: what the policy says for the direction
 * @param prorationDate the preview's proration date, so the change is charged exactly as previewed
 */
public record PlanChangeCommand(String owner, Optional<String> organizationId, String subscription, String price,
        Optional<Long> quantity, Optional<String> when, Optional<Instant> prorationDate) {
    public PlanChangeCommand {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(prorationDate, "prorationDate");
    }
}
