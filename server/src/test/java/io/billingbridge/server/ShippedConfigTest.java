package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The config.yml we ship, read by a real {@code check} in a separate JVM with values in its environment, as an
 * operator runs it.
 */
class ShippedConfigTest {
    private static final Path CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize();

    @BeforeAll
    static void generateKey() throws Exception {
        ClerkJwtKeyTest.generateKey();
    }

    record Outcome(int exitCode, String output, String errors) {
    }

    /** Runs {@code check} on the shipped config; {@code output} is standard output, {@code errors} standard error. */
    private static Outcome check(Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                BillingBridgeApplication.class.getName(), "check", CONFIG.toString()));
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("check", ".err");
        try {
            Process process = builder.redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check finished").isTrue();
            return new Outcome(process.exitValue(), output, Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.delete(errors);
        }
    }

    private static void assertAccepted(String jwtKey) throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", jwtKey));
        assertThat(outcome.exitCode()).as(outcome.errors()).isZero();
        assertThat(outcome.errors()).contains("Configuration is OK");
    }

    /** So that a script reads a command's own output (a report, a JSON line, a new token) without log lines in it. */
    @Test
    void logLinesGoToStandardErrorAndLeaveStandardOutputToTheCommand() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", ClerkJwtKeyTest.pem));
        assertThat(outcome.errors()).contains("INFO", "Configuration is OK");
        assertThat(outcome.output()).isEmpty();
    }

    @Test
    void multiLinePemFromTheEnvironmentIsAccepted() throws Exception {
        assertAccepted(ClerkJwtKeyTest.pem);
    }

    @Test
    void oneLinePemWithBackslashNEscapesIsAccepted() throws Exception {
        assertAccepted(ClerkJwtKeyTest.pem.strip().replace("\n", "\\n"));
    }

    @Test
    void bareBase64BodyIsAccepted() throws Exception {
        assertAccepted(ClerkJwtKeyTest.body);
    }

    @Test
    void logFormatJsonFromTheEnvironmentIsAccepted() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", ClerkJwtKeyTest.body, "LOG_FORMAT", "json"));
        assertThat(outcome.exitCode()).as(outcome.errors()).isZero();
        assertThat(outcome.errors()).contains("Configuration is OK");
    }

    @Test
    void anUnknownLogFormatFailsCheck() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", ClerkJwtKeyTest.body, "LOG_FORMAT", "xml"));
        assertThat(outcome.exitCode()).as(outcome.errors()).isNotZero();
        assertThat(outcome.errors()).contains("must be text or json");
    }

    @Test
    void unreadableKeyFailsCheckNamingTheSetting() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", "-----BEGIN PUBLIC KEY-----\nnot: a key # at all\n"));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.errors()).contains("clerk.jwtKey (CLERK_JWT_KEY) is not an RSA public key")
                .doesNotContain("Malformed YAML");
    }
}
