package io.billingbridge.db;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.admin.AdminTokens;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
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

    @Override
    public String create(String name) {
        AdminTokenFormat.requireValidName(name);
        String token = AdminTokenFormat.generate();
        try {
            jdbi.useExtension(AdminTokenDao.class, dao -> dao.insert(name, AdminTokenFormat.hash(token), now()));
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
        Optional<AdminTokenRow> stored = jdbi.withExtension(AdminTokenDao.class, dao -> dao.use(presented, now()));
        return stored.filter(s -> AdminTokenFormat.sameHash(s.tokenHash(), presented))
                .map(s -> new AdminIdentity(s.name()));
    }

    @Override
    public void revoke(String name) {
        AdminTokenFormat.requireValidName(name);
        int revoked = jdbi.withExtension(AdminTokenDao.class, dao -> dao.revoke(name, now()));
        if (revoked == 0) {
            throw new NotFound("admin_token_not_found", "no active admin token is named '" + name + "'");
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
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
