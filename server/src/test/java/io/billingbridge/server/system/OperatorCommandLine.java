package io.billingbridge.server.system;

import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.ClerkSection;
import io.billingbridge.server.StripeSection;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Operator commands run in this JVM as the command line runs them, against a running system's database and sandbox. */
final class OperatorCommandLine {
    private OperatorCommandLine() {
    }

    /** What a command printed, and its error if it failed. */
    record Output(Optional<Throwable> error, String stdout, String stderr) {
    }

    /** Runs one command line; standard output and error (logs and progress included) are captured, not shown. */
    static Output run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(out);
        System.setErr(err);
        try {
            BillingBridgeApplication application = new BillingBridgeApplication();
            Bootstrap<BillingBridgeConfiguration> bootstrap = new Bootstrap<>(application);
            application.initialize(bootstrap);
            Optional<Throwable> error = new Cli(new JarLocation(OperatorCommandLine.class), bootstrap, out, err)
                    .run(args);
            return new Output(error, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("the command line " + String.join(" ", args) + " threw", e);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** Writes into {@code dir} a config file for the system's database and sandbox, as an operator would write it. */
    static Path sandboxConfig(SystemUnderTest system, Path dir) throws Exception {
        BillingBridgeConfiguration configured = new BillingBridgeConfiguration();
        system.pointAtSandbox(configured);
        StripeSection stripe = configured.getStripe();
        ClerkSection clerk = configured.getClerk();
        String yaml = "database:\n  url: \"" + system.databaseUrl() + "\"\n  user: postgres\n"
                + "stripe:\n  secretKey: " + stripe.getSecretKey() + "\n  apiBase: " + stripe.getApiBase()
                + "\n  webhookSecret: " + stripe.getWebhookSecret() + "\n"
                + "clerk:\n  secretKey: " + clerk.getSecretKey() + "\n  jwksUrl: " + clerk.getJwksUrl()
                + "\n  apiUrl: " + clerk.getApiUrl() + "\n  webhookSigningSecret: " + clerk.getWebhookSigningSecret()
                + "\n  issuer: " + clerk.getIssuer() + "\n  authorizedParties: \""
                + String.join(",", clerk.getAuthorizedParties()) + "\"\n"
                + "logging:\n  level: WARN\n";
        Path file = dir.resolve("config.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
