package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

    record Outcome(int exitCode, String output) {
    }

    private static Outcome check(Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                BillingBridgeApplication.class.getName(), "check", CONFIG.toString()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check finished").isTrue();
        return new Outcome(process.exitValue(), output);
    }

    private static void assertAccepted(String jwtKey) throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", jwtKey));
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("Configuration is OK");
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
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("Configuration is OK");
    }

    @Test
    void anUnknownLogFormatFailsCheck() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", ClerkJwtKeyTest.body, "LOG_FORMAT", "xml"));
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("must be text or json");
    }

    @Test
    void unreadableKeyFailsCheckNamingTheSetting() throws Exception {
        Outcome outcome = check(Map.of("CLERK_JWT_KEY", "-----BEGIN PUBLIC KEY-----\nnot: a key # at all\n"));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("clerk.jwtKey (CLERK_JWT_KEY) is not an RSA public key")
                .doesNotContain("Malformed YAML");
    }
}
