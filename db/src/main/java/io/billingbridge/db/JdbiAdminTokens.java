package io.billingbridge.db;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.admin.AdminTokenInfo;
import io.billingbridge.core.admin.AdminTokens;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    public String create(String name, Set<AdminScope> scopes) {
        AdminTokenFormat.requireValidName(name);
        String stored = AdminScope.format(AdminScope.requireValid(scopes));
        String token = AdminTokenFormat.generate();
        try {
            jdbi.useExtension(AdminTokenDao.class,
                    dao -> dao.insert(name, AdminTokenFormat.hash(token), stored, now()));
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
                .map(s -> new AdminIdentity(s.name(), AdminScope.parse(s.scopes())));
    }

    @Override
    public List<AdminTokenInfo> list() {
        return jdbi.withExtension(AdminTokenDao.class, AdminTokenDao::list).stream()
                .map(row -> new AdminTokenInfo(row.name(), AdminScope.parse(row.scopes()), row.createdAt().toInstant(),
                        Optional.ofNullable(row.lastUsedAt()).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(row.revokedAt()).map(OffsetDateTime::toInstant)))
                .toList();
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
