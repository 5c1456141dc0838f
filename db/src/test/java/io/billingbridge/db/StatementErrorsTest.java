package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.billingbridge.db.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class StatementErrorsTest {

    @Test
    void databaseErrorsCarryNeitherBoundValuesNorTheFailingRow() {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) TestDatabases.freshMigrated();
        dataSource.setLogServerErrorDetail(false);
        Jdbi jdbi = Databases.jdbi(dataSource);

        Throwable error = catchThrowable(() -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO billing_accounts (owner_type, owner_id, profile_email, sync_state, created_at, updated_at) "
                                + "VALUES ('nobody', 'user_1', :email, 'pending', now(), now())")
                .bind("email", "alice.secret@example.com")
                .execute()));

        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("billing_accounts_owner_type_check")
                .doesNotContain("alice.secret@example.com");
    }
}
