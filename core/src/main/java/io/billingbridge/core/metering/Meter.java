package io.billingbridge.core.metering;

import java.util.Objects;

/**
 * A Stripe billing meter: what usage it counts.
 *
 * @param displayName the name Stripe shows for it, such as {@code API calls}
 * @param eventName the meter event name the application's backend reports usage under
 */
public record Meter(MeterId id, String displayName, String eventName) {
    public Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(eventName, "eventName");
    }
}
