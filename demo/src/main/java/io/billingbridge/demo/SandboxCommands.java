package io.billingbridge.demo;

import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig;
import io.billingbridge.server.OneLineErrors;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code stripe-emulator} and {@code clerk-dev}: the sandbox stand-ins on their own, for anyone to use. */
final class SandboxCommands {
    private SandboxCommands() {
    }

    private static void addHostAndPort(Subparser subparser, int port) {
        subparser.addArgument("--port").type(Integer.class).setDefault(port).help("port to listen on (default " + port + ")");
        subparser.addArgument("--host").setDefault("127.0.0.1").help("address to bind (default 127.0.0.1, loopback only)");
    }

    private static void blockUntilShutdown(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The Stripe API emulator. */
    static final class StripeEmulatorCommand extends Command {
        StripeEmulatorCommand() {
            super("stripe-emulator", "Run the local Stripe API emulator (point stripe-java's apiBase at it)");
        }

        @Override
        public void configure(Subparser subparser) {
            addHostAndPort(subparser, DemoCommand.STRIPE_PORT);
            subparser.addArgument("--seed-demo-catalog").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                    .help("create the demo products and prices");
        }

        @Override
        public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
            StripeEmulatorConfig.Builder config = StripeEmulatorConfig.builder()
                    .host(namespace.getString("host"))
                    .port(namespace.getInt("port"));
            if (Boolean.TRUE.equals(namespace.getBoolean("seed_demo_catalog"))) {
                DemoSandbox.catalog().forEach(config::seedProduct);
            }
            StripeEmulator emulator = StripeEmulator.start(config.build());
            new PrintStream(System.out, true, StandardCharsets.UTF_8).println("Stripe emulator on " + emulator.baseUrl()
                    + " (any sk_test_ key; test controls under /_sandbox/)");
            blockUntilShutdown(emulator);
        }

        @Override
        public void onError(Cli cli, Namespace namespace, Throwable e) {
            cli.getStdErr().println("error: " + OneLineErrors.describe(e));
        }
    }

    /** The Clerk dev instance. */
    static final class ClerkDevCommand extends Command {
        ClerkDevCommand() {
            super("clerk-dev", "Run the local Clerk dev instance (JWKS, sign-in, Backend API subset, webhooks)");
        }

        @Override
        public void configure(Subparser subparser) {
            addHostAndPort(subparser, DemoCommand.CLERK_PORT);
        }

        @Override
        public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
            ClerkDevInstance clerk = ClerkDevInstance.start(ClerkDevConfig.builder()
                    .host(namespace.getString("host"))
                    .port(namespace.getInt("port"))
                    .build());
            new PrintStream(System.out, true, StandardCharsets.UTF_8).println("Clerk dev instance on " + clerk.baseUrl()
                    + " (JWKS " + clerk.jwksUrl() + "; secret key: the dev default, see README)");
            blockUntilShutdown(clerk);
        }

        @Override
        public void onError(Cli cli, Namespace namespace, Throwable e) {
            cli.getStdErr().println("error: " + OneLineErrors.describe(e));
        }
    }
}
