package io.billingbridge.http.api;

/** How many received webhook events wait for a first try, and how many failed and wait for a retry. */
public record WebhookEventCounts(long pending, long failed) {
}
