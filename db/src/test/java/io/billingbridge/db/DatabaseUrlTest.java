package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void jdbcUrlPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/billing?user=app&password=pw");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/billing?user=app&password=pw");
        assertThat(url.user()).isEmpty();
    }

    @Test
    void platformUrlBecomesJdbcWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.internal:6543/billing?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/billing?sslmode=require");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
    }

    @Test
    void postgresqlSchemeAndDefaultPortWork() {
        assertThat(DatabaseUrl.parse("postgresql://app@db/billing").jdbcUrl()).isEqualTo("jdbc:postgresql://db/billing");
    }

    @Test
    void badUrlsSayWhatIsWrongWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/x"))
                .hasMessageContaining("unsupported").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:hunter2@db"))
                .hasMessageContaining("database name").hasMessageNotContaining("hunter2");
    }
}
