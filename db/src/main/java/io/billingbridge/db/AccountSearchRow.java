package io.billingbridge.db;

import java.time.OffsetDateTime;

/**
 * One account found by the account search, with what its stored snapshot says.
 *
 * @param profileEmail the full address: masked before it leaves the db module
 * @param syncedAt null without a stored snapshot
 * @param plan a JSON array of {@code {"product", "status"}}, one per subscription item of the stored snapshot
 */
public record AccountSearchRow(
        String ownerType,
        String ownerId,
        String customerId,
        String profileName,
        String profileEmail,
        String syncState,
        OffsetDateTime syncedAt,
        boolean dirty,
        String plan) {
}
