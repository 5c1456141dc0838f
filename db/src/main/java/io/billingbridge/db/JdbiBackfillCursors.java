package io.billingbridge.db;

import io.billingbridge.core.account.BackfillCursor;
import io.billingbridge.core.account.BackfillCursors;
import io.billingbridge.core.account.BackfillCustomers.Counts;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link BackfillCursors} in {@code command_cursors}, under the run kind {@code backfill}. */
public final class JdbiBackfillCursors implements BackfillCursors {
    private static final String KIND = "backfill";

    private final Jdbi jdbi;

    public JdbiBackfillCursors(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<BackfillCursor> find() {
        return jdbi.withExtension(CommandCursorDao.class, dao -> dao.find(KIND)).map(JdbiBackfillCursors::cursor);
    }

    @Override
    public void save(BackfillCursor cursor) {
        Counts u = cursor.users();
        Counts o = cursor.organizations();
        CommandCursorRow row = new CommandCursorRow(cursor.stage().wireName(), cursor.position(), cursor.last().id(),
                u.created(), u.recovered(), u.existing(), u.failed(), o.created(), o.recovered(), o.existing(),
                o.failed());
        jdbi.useExtension(CommandCursorDao.class, dao -> dao.save(KIND, row));
    }

    @Override
    public void clear() {
        jdbi.useExtension(CommandCursorDao.class, dao -> dao.clear(KIND));
    }

    private static BackfillCursor cursor(CommandCursorRow row) {
        OwnerType stage = OwnerType.fromWireName(row.stage())
                .orElseThrow(() -> new IllegalStateException("unknown cursor stage " + row.stage()));
        return new BackfillCursor(stage, row.position(), Owner.of(stage, row.lastOwnerId()),
                new Counts(row.usersCreated(), row.usersRecovered(), row.usersExisting(), row.usersFailed()),
                new Counts(row.orgsCreated(), row.orgsRecovered(), row.orgsExisting(), row.orgsFailed()));
    }
}
