package io.billingbridge.server;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageRejections;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators of usage Stripe refused for good with one WARN line: the owner, the event name and Stripe's code,
 * never the value, the identifier or the customer. The count is the {@code billing_usage_rejected} series.
 */
final class LoggedUsageRejections implements UsageRejections {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedUsageRejections.class);

    @Override
    public void rejected(Owner owner, String eventName, UsageIdentifier identifier, String code, Instant at) {
        LOG.warn("Stripe refused a usage event of {} for meter event {} ({}); it will not be billed", owner.key(),
                eventName, code);
    }
}
