package io.billingbridge.server;

import io.billingbridge.core.events.AppEvents;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageRejections;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells of usage Stripe refused for good: the application with a {@code usage.rejected} event (to the endpoints
 * subscribed to it), operators with one WARN line (the owner, the event name and Stripe's code; never the value, the
 * identifier or the customer). The count is the {@code billing_usage_rejected} series.
 */
final class UsageRejectionEvents implements UsageRejections {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRejectionEvents.class);

    private final AppEvents appEvents;

    UsageRejectionEvents(AppEvents appEvents) {
        this.appEvents = Objects.requireNonNull(appEvents, "appEvents");
    }

    @Override
    public void rejected(Owner owner, String eventName, UsageIdentifier identifier, long value, String code,
            Instant at) {
        LOG.warn("Stripe refused a usage event of {} for meter event {} ({}); it will not be billed", owner.key(),
                eventName, code);
        try {
            appEvents.usageRejected(owner, identifier.value(), eventName, value, code);
        } catch (RuntimeException e) {
            // The usage stays rejected in the outbox (and in the admin's view of it); only the event is lost.
            LOG.warn("could not record usage.rejected for {} ({})", owner.key(), e.getClass().getSimpleName());
        }
    }
}
