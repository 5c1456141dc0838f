package io.billingbridge.core.usage;

import java.util.Objects;

/**
 * An active Stripe billing meter, as much of it as sending an event needs.
 *
 * @param id e.g. {@code mtr_123}
 * @param eventName the {@code event_name} usage events name it by
 * @param customerKey the payload key holding the customer id ({@code stripe_customer_id} by default)
 * @param valueKey the payload key holding the value ({@code value} by default)
 */
public record Meter(String id, String eventName, String customerKey, String valueKey) {
    public Meter {
        Objects.requireNonNull(id, "id");
        UsageEvent.requireEventName(eventName);
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(valueKey, "valueKey");
    }
}
