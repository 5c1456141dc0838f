package io.billingbridge.core.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The overview support sees: the figures, and how long the oldest waiting event has waited.
 *
 * @param oldestPendingAge empty when no event waits; never negative
 */
public record Overview(OverviewFigures figures, Optional<Duration> oldestPendingAge) {
    public Overview {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
    }
}
