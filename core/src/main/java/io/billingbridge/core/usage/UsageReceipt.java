package io.billingbridge.core.usage;

/**
 * What a report of usage came to.
 *
 * @param accepted events stored, on their way to Stripe
 * @param duplicates events whose identifier was already stored (or repeated in the report), dropped
 */
public record UsageReceipt(int accepted, int duplicates) {
    public UsageReceipt {
        if (accepted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
