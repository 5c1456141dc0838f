package io.billingbridge.db;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.admin.AdminTokens;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link AdminTokens} in {@code admin_tokens}: the SHA-256 of each token is stored, never the token. */
public final class JdbiAdminTokens implements AdminTokens {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiAdminTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A stored token, as far as verification needs it. */
    private record Stored(String name, String tokenHash) {
    }

    @Override
    public String create(String name) {
        AdminTokenFormat.requireValidName(name);
        String token = AdminTokenFormat.generate();
        try {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO admin_tokens (name, token_hash, created_at) VALUES (:name, :hash, :now)")
                    .bind("name", name)
                    .bind("hash", AdminTokenFormat.hash(token))
                    .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new Conflict("admin_token_exists", "an admin token named '" + name + "' already exists");
            }
            throw e;
        }
        return token;
    }

    @Override
    public Optional<AdminIdentity> verify(String token) {
        if (!AdminTokenFormat.looksLikeToken(token)) {
            return Optional.empty();
        }
        String presented = AdminTokenFormat.hash(token);
        Optional<Stored> stored = jdbi.withHandle(h -> h.createQuery(
                        "UPDATE admin_tokens SET last_used_at = :now WHERE token_hash = :hash AND revoked_at IS NULL "
                                + "RETURNING name, token_hash")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("hash", presented)
                .map((rs, ctx) -> new Stored(rs.getString("name"), rs.getString("token_hash")))
                .findOne());
        return stored.filter(s -> AdminTokenFormat.sameHash(s.tokenHash(), presented))
                .map(s -> new AdminIdentity(s.name()));
    }

    @Override
    public void revoke(String name) {
        AdminTokenFormat.requireValidName(name);
        int revoked = jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE admin_tokens SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("name", name)
                .execute());
        if (revoked == 0) {
            throw new NotFound("admin_token_not_found", "no active admin token is named '" + name + "'");
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
