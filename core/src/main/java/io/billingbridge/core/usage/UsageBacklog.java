package io.billingbridge.core.usage;

/**
 * How many stored usage events are not yet with Stripe.
 *
 * @param pending to be sent (now or after a retry delay)
 * @param waiting kept until their owner has a subscription metering them
 */
public record UsageBacklog(long pending, long waiting) {
    public UsageBacklog {
        if (pending < 0 || waiting < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
