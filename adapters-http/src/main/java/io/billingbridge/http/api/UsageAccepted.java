package io.billingbridge.http.api;

import io.billingbridge.core.usage.UsageReceipt;

/**
 * What a usage report came to: events stored on their way to Stripe, and events dropped because their identifier
 * was already stored (the first one stored with an identifier wins).
 */
public record UsageAccepted(int accepted, int duplicates) {
    public static UsageAccepted of(UsageReceipt receipt) {
        return new UsageAccepted(receipt.accepted(), receipt.duplicates());
    }
}
