package io.billingbridge.db;

import java.time.OffsetDateTime;

/** One row of {@code billing_accounts}, as stored. */
public record BillingAccountRow(
        String ownerType,
        String ownerId,
        String customerId,
        String profileName,
        String profileEmail,
        String profileMetadata,
        String syncState,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int customerGeneration) {
}
