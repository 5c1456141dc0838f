package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.db.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app-key create|list|revoke}, as the command line runs them, with their output and one-line errors. */
class AppKeyCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private Optional<Throwable> run(String... args) throws Exception {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        System.setOut(out);
        try {
            return new BillingBridgeApplication().run(args, out, err);
        } finally {
            System.setOut(originalOut);
        }
    }

    private String config(String database) throws Exception {
        try (var c = TestDatabases.server().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        new io.billingbridge.db.DatabaseMigrations(TestDatabases.server().getDatabase("postgres", database)).migrate();
        String url = TestDatabases.server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/" + database + "?");
        Path file = dir.resolve("config.yml");
        Files.writeString(file, "database:\n  url: " + url + "\nlogging:\n  level: WARN\n");
        return file.toString();
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private void reset() {
        stdout.reset();
        stderr.reset();
    }

    @Test
    void aKeyIsPrintedOnceWithTheDefaultScopeAndOnlyItsHashIsStored() throws Exception {
        String config = config("test_app_key");

        assertThat(run("app-key", "create", "orders-service", config)).as(err()).isEmpty();
        assertThat(out()).contains("app key 'orders-service' (usage:write):").contains("cannot be shown again");
        Matcher key = Pattern.compile("bbapp_[A-Za-z0-9_-]{43}").matcher(out());
        assertThat(key.find()).as(out()).isTrue();
        String secret = key.group();
        assertThat(key.find()).as("printed once").isFalse();
        try (var c = TestDatabases.server().getDatabase("postgres", "test_app_key").getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT k::text, key_hash, scopes FROM app_keys k WHERE name = 'orders-service'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain(secret.substring(6));
            assertThat(rs.getString(2)).isEqualTo(AppKeyFormat.hash(secret));
            assertThat(rs.getString(3)).isEqualTo("usage:write");
        }
    }

    @Test
    void theListShowsScopesAndTimesButNoSecretAndRevokeRefusesTheKeyFromThenOn() throws Exception {
        String config = config("test_app_key_list");
        assertThat(run("app-key", "list", config)).as(err()).isEmpty();
        assertThat(out().strip())
                .isEqualTo("no app keys yet: app-key create NAME [--scopes usage:write,billing:read] config.yml");
        assertThat(run("app-key", "create", "orders-service", config)).isEmpty();
        assertThat(run("app-key", "create", "reports", "--scopes", "billing:read,usage:write", config)).isEmpty();
        assertThat(out()).contains("app key 'reports' (usage:write,billing:read):");
        assertThat(run("app-key", "revoke", "reports", config)).isEmpty();
        assertThat(out()).contains("app key 'reports' revoked");
        reset();

        assertThat(run("app-key", "list", config)).as(err()).isEmpty();
        String[] lines = out().strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("NAME +SCOPES +CREATED +LAST USED +REVOKED");
        assertThat(lines[1]).matches("orders-service +usage:write +\\S+Z +never +-");
        assertThat(lines[2]).matches("reports +usage:write,billing:read +\\S+Z +never +\\S+Z");
        assertThat(out()).doesNotContain("bbapp_");
    }

    @Test
    void everyMisuseIsOneClearLineAndPrintsNoKey() throws Exception {
        String config = config("test_app_key_misuse");
        assertThat(run("app-key", "create", "orders-service", config)).isEmpty();
        reset();

        String[][] cases = {
            {"error: an app key named 'orders-service' already exists", "create", "orders-service"},
            {"error: unknown scope 'usage:read': scopes are one or both of 'usage:write' and 'billing:read', "
                    + "comma-separated", "create", "reader", "--scopes", "usage:read"},
            {"error: scope 'billing:read' is repeated: scopes are one or both of 'usage:write' and 'billing:read', "
                    + "comma-separated", "create", "reader", "--scopes", "billing:read,billing:read"},
            {"error: no active app key is named 'nobody'", "revoke", "nobody"},
            {"error: an app key name is 1-64 characters of letters, digits, '.', '_' and '-'", "create", "no/slash"},
            {"error: app-key list takes no name: app-key list config.yml", "list", "orders-service"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "app-key";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            args[c.length] = config;
            assertThat(run(args)).as(String.join(" ", args)).isPresent();
            assertThat(err().strip()).isEqualTo(c[0]);
            assertThat(out()).doesNotContain("bbapp_");
            reset();
        }
        assertThat(run("app-key", "revoke", "orders-service", config)).isEmpty();
        reset();
        assertThat(run("app-key", "revoke", "orders-service", config)).isPresent();
        assertThat(err().strip()).as("revoked twice").isEqualTo("error: no active app key is named 'orders-service'");
    }
}
