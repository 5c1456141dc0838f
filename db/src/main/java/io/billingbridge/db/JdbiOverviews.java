package io.billingbridge.db;

import io.billingbridge.core.admin.OverviewFigures;
import io.billingbridge.core.admin.Overviews;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Overviews} counted in {@code billing_accounts} and {@code webhook_events}, on one connection. */
public final class JdbiOverviews implements Overviews {
    private final Jdbi jdbi;

    public JdbiOverviews(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public OverviewFigures count() {
        return jdbi.withExtension(OverviewDao.class, dao -> {
            OverviewDao.AccountCounts accounts = dao.accounts();
            OverviewDao.EventCounts events = dao.events();
            return new OverviewFigures(accounts.pending(), accounts.active(), accounts.deleted(), events.pending(),
                    events.failed(), Optional.ofNullable(events.oldestPending()).map(OffsetDateTime::toInstant),
                    Optional.ofNullable(events.lastProcessed()).map(OffsetDateTime::toInstant));
        });
    }
}
