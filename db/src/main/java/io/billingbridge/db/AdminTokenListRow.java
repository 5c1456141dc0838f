package io.billingbridge.db;

import java.time.OffsetDateTime;

/** A row of {@code admin_tokens} as an operator lists it: never the token or its hash. */
public record AdminTokenListRow(String name, String scopes, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt) {
}
