package io.billingbridge.core.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An admin token as an operator lists it: never the token or its hash.
 *
 * @param lastUsedAt when it last opened the admin API, if ever
 * @param revokedAt when it was revoked, if it was
 */
public record AdminTokenInfo(String name, Set<AdminScope> scopes, Instant createdAt, Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {
    public AdminTokenInfo {
        AdminTokenFormat.requireValidName(name);
        scopes = AdminScope.requireValid(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
