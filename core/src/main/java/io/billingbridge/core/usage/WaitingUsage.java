package io.billingbridge.core.usage;

import io.billingbridge.core.owner.Owner;
import java.util.Objects;

/** An owner's usage events of one event name that wait for a subscription metering them. */
public record WaitingUsage(Owner owner, String eventName) {
    public WaitingUsage {
        Objects.requireNonNull(owner, "owner");
        UsageEvent.requireEventName(eventName);
    }
}
