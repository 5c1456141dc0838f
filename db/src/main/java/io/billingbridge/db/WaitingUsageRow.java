package io.billingbridge.db;

/** An owner and event name with waiting rows in {@code usage_events}. */
public record WaitingUsageRow(String ownerKey, String eventName) {
}
