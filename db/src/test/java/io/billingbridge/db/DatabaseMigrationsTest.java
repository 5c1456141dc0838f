package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.db.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseMigrationsTest {

    @Test
    void migrateAppliesEverythingOnceAndIsIdempotent() {
        DataSource dataSource = TestDatabases.fresh();
        DatabaseMigrations migrations = new DatabaseMigrations(dataSource);
        assertThat(migrations.isCurrent()).isFalse();

        int applied = migrations.migrate();

        assertThat(applied).isPositive();
        assertThat(migrations.isCurrent()).isTrue();
        assertThat(migrations.migrate()).isZero();
        assertThat(migrations.info()).isNotEmpty().allSatisfy(s -> assertThat(s.state()).isEqualTo("Success"));
    }
}
