package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.BackfillCursor;
import io.billingbridge.core.account.BackfillCustomers.Counts;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.db.testing.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiBackfillCursorsTest {
    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
    private final JdbiBackfillCursors cursors = new JdbiBackfillCursors(jdbi);

    @Test
    void aSavedCursorComesBackWholeAndTheLatestReplacesIt() {
        assertThat(cursors.find()).isEmpty();
        BackfillCursor users = new BackfillCursor(OwnerType.USER, 120, Owner.user("user_120"),
                new Counts(100, 2, 15, 3), Counts.ZERO);
        cursors.save(users);
        assertThat(cursors.find()).contains(users);

        BackfillCursor organizations = new BackfillCursor(OwnerType.ORGANIZATION, 7, Owner.organization("org_7"),
                new Counts(200, 2, 15, 3), new Counts(5, 0, 2, 0));
        cursors.save(organizations);

        assertThat(cursors.find()).contains(organizations);
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM command_cursors").mapTo(Integer.class)
                .one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void clearingForgetsTheCursor() {
        cursors.save(new BackfillCursor(OwnerType.USER, 1, Owner.user("user_1"), new Counts(1, 0, 0, 0),
                Counts.ZERO));

        cursors.clear();

        assertThat(cursors.find()).isEmpty();
    }
}
