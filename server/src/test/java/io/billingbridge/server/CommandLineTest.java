package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.db.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands an operator runs, as the command line runs them, with their output. */
class CommandLineTest {
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

    private Path config(String databaseUrl) throws Exception {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, "database:\n  url: " + databaseUrl + "\nlogging:\n  level: WARN\n");
        return file;
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dbMigrateAppliesThenReportsUpToDate() throws Exception {
        TestDatabases.fresh();
        String url = TestDatabases.server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/test_migrate?");
        try (var c = TestDatabases.server().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE test_migrate");
        }
        Path config = config(url);

        assertThat(run("db", "migrate", config.toString())).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).containsPattern("applied [1-9][0-9]* migration\\(s\\) to");
        stdout.reset();
        assertThat(run("db", "migrate", config.toString())).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("is up to date");
        stdout.reset();
        assertThat(run("db", "info", config.toString())).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("billing accounts").contains("Success");
    }

    @Test
    void serverWithoutDatabaseUrlSaysSoInOneLine() throws Exception {
        assertThat(run("server", config("\"\"").toString())).isPresent();
        assertThat(err().strip()).isEqualTo(
                "error: no database URL: set DATABASE_URL to jdbc:postgresql://host:5432/db or postgres://user:pass@host:5432/db");
    }

    @Test
    void unreachableDatabaseIsOneLineWithoutThePassword() throws Exception {
        assertThat(run("db", "migrate", config("postgres://app:hunter2@127.0.0.1:1/billing").toString())).isPresent();
        assertThat(err().strip()).startsWith("error: cannot reach the database").doesNotContain("\n")
                .doesNotContain("hunter2");
    }

    @Test
    void serverRefusesAnUnmigratedDatabase() throws Exception {
        try (var c = TestDatabases.server().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE test_unmigrated");
        }
        String url = TestDatabases.server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/test_unmigrated?");
        assertThat(run("server", config(url).toString())).isPresent();
        assertThat(err().strip()).contains("has pending migrations: run").contains("db migrate").doesNotContain("\n");
    }

    @Test
    void missingStripeKeyIsOneLine() throws Exception {
        String url = migratedDatabaseUrl("test_no_stripe");
        assertThat(run("server", config(url).toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: stripe configuration: Stripe secret key is missing (set STRIPE_SECRET_KEY)");
    }

    @Test
    void serverWithoutAuthorizedPartiesRefusesToStartInOneLine() throws Exception {
        String url = migratedDatabaseUrl("test_no_azp");
        Path file = dir.resolve("config.yml");
        Files.writeString(file, "database:\n  url: " + url + "\nstripe:\n  secretKey: sk_test_x\n  webhookSecret: whsec_x\n"
                + "clerk:\n  jwksUrl: https://clerk.example.com/.well-known/jwks.json\n  secretKey: sk_test_clerk\n"
                + "  webhookSigningSecret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"
                + "  authorizedParties: \"\"\nlogging:\n  level: WARN\n");

        assertThat(run("server", file.toString())).isPresent();
        assertThat(err().strip()).startsWith("error: clerk.authorizedParties (CLERK_AUTHORIZED_PARTIES) is empty")
                .doesNotContain("\n");
    }

    private static String migratedDatabaseUrl(String name) throws Exception {
        try (var c = TestDatabases.server().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        new io.billingbridge.db.DatabaseMigrations(TestDatabases.server().getDatabase("postgres", name)).migrate();
        return TestDatabases.server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/" + name + "?");
    }

    @Test
    void adminTokenIsPrintedOnceAndOnlyItsHashIsStored() throws Exception {
        String url = migratedDatabaseUrl("test_admin_token");
        Path config = config(url);

        assertThat(run("admin-token", "create", "support-alice", config.toString())).isEmpty();
        String printed = stdout.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("bbadm_[A-Za-z0-9_-]{43}").matcher(printed);
        assertThat(token.find()).as(printed).isTrue();
        String secret = token.group();
        assertThat(token.find()).as("printed once").isFalse();
        assertThat(printed).contains("cannot be shown again");
        try (var c = TestDatabases.server().getDatabase("postgres", "test_admin_token").getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT t::text, token_hash FROM admin_tokens t WHERE name = 'support-alice'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain(secret).doesNotContain(secret.substring(6));
            assertThat(rs.getString(2)).isEqualTo(io.billingbridge.core.admin.AdminTokenFormat.hash(secret));
        }

        stdout.reset();
        assertThat(run("admin-token", "create", "support-alice", config.toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: an admin token named 'support-alice' already exists");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("bbadm_");

        assertThat(run("admin-token", "revoke", "support-alice", config.toString())).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("admin token 'support-alice' revoked");
        stderr.reset();
        assertThat(run("admin-token", "revoke", "support-alice", config.toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: no active admin token is named 'support-alice'");
    }

    @Test
    void adminTokensAreReadOnlyUnlessAskedAndTheListShowsScopesAndTimesButNoSecret() throws Exception {
        String url = migratedDatabaseUrl("test_admin_token_scopes");
        Path config = config(url);

        assertThat(run("admin-token", "create", "support-read", config.toString())).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("admin token 'support-read' (read):");
        assertThat(run("admin-token", "create", "support-write", "--scopes", "read,write", config.toString()))
                .isEmpty();
        assertThat(run("admin-token", "revoke", "support-write", config.toString())).isEmpty();
        stdout.reset();

        assertThat(run("admin-token", "list", config.toString())).as(err()).isEmpty();
        String[] lines = stdout.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("NAME +SCOPES +CREATED +LAST USED +REVOKED");
        assertThat(lines[1]).matches("support-read +read +\\S+Z +never +-");
        assertThat(lines[2]).matches("support-write +read,write +\\S+Z +never +\\S+Z");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("bbadm_");

        stdout.reset();
        assertThat(run("admin-token", "create", "support-admin", "--scopes", "admin", config.toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: scopes must be 'read' or 'read,write'");
        stderr.reset();
        assertThat(run("admin-token", "create", "support-writer", "--scopes", "write", config.toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: scopes must be 'read' or 'read,write'");
        stderr.reset();
        assertThat(run("admin-token", "list", "support-read", config.toString())).isPresent();
        assertThat(err().strip()).isEqualTo("error: admin-token list takes no name: admin-token list config.yml");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void invalidPortIsOneLine() throws Exception {
        Path file = dir.resolve("bad-port.yml");
        Files.writeString(file, "database:\n  url: jdbc:postgresql://127.0.0.1/x\nserver:\n  applicationConnectors:\n"
                + "    - type: http\n      port: 99999\n");
        assertThat(run("server", file.toString())).isPresent();
        assertThat(err().strip()).startsWith("error: configuration is invalid").contains("port").doesNotContain("\n");
    }

    @Test
    void theDemoCommandIsNotInTheProductionJar() throws Exception {
        assertThat(run("demo")).isPresent();
        assertThat(err().strip()).startsWith("error: unknown command 'demo' (demo is in the demo jar")
                .contains("commands: server, check, db").doesNotContain("\n");
    }

    private Path configWithBilling(String billingYaml) throws Exception {
        Path file = dir.resolve("billing.yml");
        Files.writeString(file, "database:\n  url: jdbc:postgresql://127.0.0.1/x\nbilling:\n" + billingYaml
                + "logging:\n  level: WARN\n");
        return file;
    }

    @Test
    void checkAcceptsEveryAccessActionAndOwnerType() throws Exception {
        Path config = configWithBilling("  access:\n    readPlan: [any_member]\n    readBillingDetails: [org:admin]\n"
                + "    manageBilling: [org:billing:manage]\n  catalogAllowList:\n    user: [pro_monthly]\n"
                + "    organization: [team_monthly]\n");
        assertThat(run("check", config.toString())).isEmpty();
    }

    @Test
    void misspeltAccessActionFailsCheckNamingIt() throws Exception {
        Path config = configWithBilling("  access:\n    manageBiling: [any_member]\n");
        assertThat(run("check", config.toString())).isPresent();
        assertThat(err().strip()).startsWith("error: configuration is invalid").contains("billing.access.manageBiling")
                .doesNotContain("\n");
    }

    @Test
    void misspeltCatalogOwnerTypeFailsCheckNamingIt() throws Exception {
        Path config = configWithBilling("  catalogAllowList:\n    organisation: [team_monthly]\n");
        assertThat(run("check", config.toString())).isPresent();
        assertThat(err().strip()).startsWith("error: configuration is invalid")
                .contains("billing.catalogAllowList.organisation").doesNotContain("\n");
    }

    /**
     * Dropwizard logs through an asynchronous appender and, on its own, returns from a command once the queue is
     * empty, which can be before the last line is written: a busy machine then shows an operator nothing.
     */
    @Test
    void checkHasPrintedItsVerdictWhenItReturnsEvenToASlowTerminal() throws Exception {
        Path file = dir.resolve("info.yml");
        Files.writeString(file, "database:\n  url: jdbc:postgresql://127.0.0.1/x\nlogging:\n  level: INFO\n");
        OutputStream slowTerminal = new OutputStream() {
            @Override
            public void write(int b) {
                stdout.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                // A terminal's write is not cut short by an interrupt, so neither is this one.
                long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
                boolean interrupted = false;
                for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                stdout.write(bytes, offset, length);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PrintStream out = new PrintStream(slowTerminal, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        System.setOut(out);
        try {
            assertThat(new BillingBridgeApplication().run(new String[] {"check", file.toString()}, out,
                    new PrintStream(stderr, true, StandardCharsets.UTF_8))).isEmpty();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("Configuration is OK");
        } finally {
            System.setOut(originalOut);
        }
    }
}
