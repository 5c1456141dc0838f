package io.billingbridge.core.appkey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An application key as an operator lists it: never the key or its hash.
 *
 * @param lastUsedAt when it was last accepted, to the minute (see {@link AppKeys#verify}), if ever
 * @param revokedAt when it was revoked, if it was
 */
public record AppKeyInfo(String name, Set<AppKeyScope> scopes, Instant createdAt, Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {
    public AppKeyInfo {
        AppKeyFormat.requireValidName(name);
        scopes = AppKeyScope.requireValid(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
