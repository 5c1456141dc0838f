package io.billingbridge.http.api;

/** How many billing accounts are in each sync state. */
public record AccountCounts(long pending, long active, long deleted) {
}
