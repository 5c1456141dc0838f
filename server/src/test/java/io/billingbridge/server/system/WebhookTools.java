package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent Standard Webhooks tools in {@code tools/standardwebhooks-verify} (the {@code standardwebhooks} npm
 * package, the README's Node and Python receivers) and the commands that run them.
 *
 * <p>The README's test command needs only JDK 17 and Maven, so on a developer's machine without {@code node} or
 * {@code python3} the tests that run these tools are skipped. {@code .ci/run} installs both, so under CI
 * ({@code CI=true}) a missing one fails the test instead: a skipped check must never pass for a run of CI.
 */
final class WebhookTools {
    static final Path DIRECTORY = Path.of("..", "tools", "standardwebhooks-verify").toAbsolutePath().normalize();

    private WebhookTools() {
    }

    /**
     * Whether {@code tool --version} works here.
     *
     * @throws AssertionError when it does not and this is a CI run, where {@code .ci/run} installed it
     */
    static boolean available(String tool) {
        boolean works = works(tool, "--version");
        if (!works && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " does not run, but .ci/run installs it for CI");
        }
        return works;
    }

    /** Installs the npm packages of the tools ({@code npm ci}) unless they are there already. */
    static void installNodePackages() throws Exception {
        if (Files.isDirectory(DIRECTORY.resolve("node_modules").resolve("standardwebhooks"))) {
            return;
        }
        Process process = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
        assertThat(process.exitValue()).as("npm ci in " + DIRECTORY).isZero();
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
