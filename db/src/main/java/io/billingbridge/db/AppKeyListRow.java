package io.billingbridge.db;

import java.time.OffsetDateTime;

/** A row of {@code app_keys} as an operator lists it: never the key or its hash. */
public record AppKeyListRow(String name, String scopes, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt) {
}
