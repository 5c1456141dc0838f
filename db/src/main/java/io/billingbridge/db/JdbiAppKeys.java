package io.billingbridge.db;

import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.core.appkey.AppKeyIdentity;
import io.billingbridge.core.appkey.AppKeyInfo;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.AppKeys;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link AppKeys} in {@code app_keys}: the SHA-256 of each key is stored, never the key. */
public final class JdbiAppKeys implements AppKeys {
    /** How fresh {@code last_used_at} is kept: a key in use is written at most once per this interval. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiAppKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String create(String name, Set<AppKeyScope> scopes) {
        AppKeyFormat.requireValidName(name);
        String stored = AppKeyScope.format(AppKeyScope.requireValid(scopes));
        String key = AppKeyFormat.generate();
        try {
            jdbi.useExtension(AppKeyDao.class, dao -> dao.insert(name, AppKeyFormat.hash(key), stored, now()));
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new Conflict("app_key_exists", "an app key named '" + name + "' already exists");
            }
            throw e;
        }
        return key;
    }

    @Override
    public Optional<AppKeyIdentity> verify(String key) {
        if (!AppKeyFormat.looksLikeKey(key)) {
            return Optional.empty();
        }
        String presented = AppKeyFormat.hash(key);
        OffsetDateTime now = now();
        Optional<AppKeyRow> stored = jdbi.withExtension(AppKeyDao.class,
                dao -> dao.use(presented, now, now.minus(LAST_USED_RESOLUTION)));
        return stored.filter(s -> AppKeyFormat.sameHash(s.keyHash(), presented))
                .map(s -> new AppKeyIdentity(s.name(), AppKeyScope.parse(s.scopes())));
    }

    @Override
    public List<AppKeyInfo> list() {
        return jdbi.withExtension(AppKeyDao.class, AppKeyDao::list).stream()
                .map(row -> new AppKeyInfo(row.name(), AppKeyScope.parse(row.scopes()), row.createdAt().toInstant(),
                        Optional.ofNullable(row.lastUsedAt()).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(row.revokedAt()).map(OffsetDateTime::toInstant)))
                .toList();
    }

    @Override
    public void revoke(String name) {
        AppKeyFormat.requireValidName(name);
        int revoked = jdbi.withExtension(AppKeyDao.class, dao -> dao.revoke(name, now()));
        if (revoked == 0) {
            throw new NotFound("app_key_not_found", "no active app key is named '" + name + "'");
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
