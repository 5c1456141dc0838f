package io.billingbridge.core.usage;

import io.billingbridge.core.owner.Owner;
import java.time.Instant;

/** Told of each usage event Stripe refused for good, which will therefore never be billed. */
public interface UsageRejections {

    /**
     * One refused event.
     *
     * @param value the usage that will not be billed
     * @param code Stripe's error code (a safe word), or {@code no_active_meter} when its meter is gone
     */
    void rejected(Owner owner, String eventName, UsageIdentifier identifier, long value, String code, Instant at);
}
