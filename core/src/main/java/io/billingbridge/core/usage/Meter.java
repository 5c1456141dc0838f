package io.billingbridge.core.usage;

import java.util.Objects;

/**
 * A Stripe billing meter: what usage it counts, and how a usage event names its customer and value.
 *
 * @param displayName the name Stripe shows for it, such as {@code API calls}
 * @param eventName the {@code event_name} the application's backend reports usage under
 * @param customerKey the payload key holding the customer id ({@code stripe_customer_id} by default)
 * @param valueKey the payload key holding the value ({@code value} by default)
 */
public record Meter(MeterId id, String displayName, String eventName, String customerKey, String valueKey) {
    public Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        UsageEvent.requireEventName(eventName);
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(valueKey, "valueKey");
    }
}
