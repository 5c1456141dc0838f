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
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
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

    private static void addWebhookArguments(Subparser subparser, String secretHelp) {
        subparser.addArgument("--webhook-url").metavar("URL")
                .help("deliver signed webhooks to this http(s) URL, e.g. a running server's webhook endpoint");
        subparser.addArgument("--webhook-secret").metavar("whsec_...").help(secretHelp);
    }

    /** Where {@code --webhook-url} says to deliver webhooks, and the secret that signs them. */
    private record Webhook(URI url, String secret) {
    }

    /**
     * The webhook the arguments ask for, signed with {@code --webhook-secret} or else {@code defaultSecret}; empty
     * without {@code --webhook-url}.
     */
    private static Optional<Webhook> webhook(Namespace namespace, String defaultSecret) {
        String url = namespace.getString("webhook_url");
        String secret = namespace.getString("webhook_secret");
        if (url == null) {
            if (secret != null) {
                throw new IllegalArgumentException("--webhook-secret needs --webhook-url");
            }
            return Optional.empty();
        }
        return Optional.of(new Webhook(webhookUrl(url), secret == null ? defaultSecret : secret));
    }

    /** The {@code --webhook-url} argument, checked to be an absolute http(s) URL with a host. */
    private static URI webhookUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--webhook-url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("--webhook-url must be an absolute http(s) URL with a host");
        }
        return uri;
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
            addWebhookArguments(subparser, "the endpoint's signing secret, to set as the server's STRIPE_WEBHOOK_SECRET"
                    + " (default " + DemoSandbox.STRIPE_WEBHOOK_SECRET + ", for local use only)");
        }

        /** The emulator's configuration from the parsed arguments. */
        static StripeEmulatorConfig config(Namespace namespace) {
            StripeEmulatorConfig.Builder config = StripeEmulatorConfig.builder()
                    .host(namespace.getString("host"))
                    .port(namespace.getInt("port"));
            if (Boolean.TRUE.equals(namespace.getBoolean("seed_demo_catalog"))) {
                DemoSandbox.catalog().forEach(config::seedProduct);
            }
            webhook(namespace, DemoSandbox.STRIPE_WEBHOOK_SECRET)
                    .ifPresent(w -> config.webhookEndpoint(w.url().toString(), w.secret()));
            return config.build();
        }

        @Override
        public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
            StripeEmulatorConfig config = config(namespace);
            StripeEmulator emulator = StripeEmulator.start(config);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("Stripe emulator on " + emulator.baseUrl() + " (any sk_test_ key; test controls under /_sandbox/)");
            for (StripeEmulatorConfig.WebhookEndpoint endpoint : config.webhookEndpoints()) {
                out.println("Webhooks go to " + endpoint.url() + ", signed with " + endpoint.secret()
                        + " (set it as the server's STRIPE_WEBHOOK_SECRET)");
            }
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
            addWebhookArguments(subparser, "the Svix signing secret (whsec_ and base64), to set as the server's"
                    + " CLERK_WEBHOOK_SIGNING_SECRET (default " + ClerkDevConfig.DEFAULT_WEBHOOK_SECRET
                    + ", for local use only)");
        }

        /** The dev instance's configuration from the parsed arguments. */
        static ClerkDevConfig config(Namespace namespace) {
            ClerkDevConfig.Builder config = ClerkDevConfig.builder()
                    .host(namespace.getString("host"))
                    .port(namespace.getInt("port"));
            webhook(namespace, ClerkDevConfig.DEFAULT_WEBHOOK_SECRET).ifPresent(w -> config.webhook(w.url(), w.secret()));
            return config.build();
        }

        @Override
        public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
            ClerkDevConfig config = config(namespace);
            ClerkDevInstance clerk = ClerkDevInstance.start(config);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("Clerk dev instance on " + clerk.baseUrl() + " (JWKS " + clerk.jwksUrl()
                    + "; secret key: the dev default, see README)");
            config.webhookUrl().ifPresent(url -> out.println("Webhooks go to " + url + ", signed with "
                    + config.webhookSecret().orElseThrow() + " (set it as the server's CLERK_WEBHOOK_SIGNING_SECRET)"));
            blockUntilShutdown(clerk);
        }

        @Override
        public void onError(Cli cli, Namespace namespace, Throwable e) {
            cli.getStdErr().println("error: " + OneLineErrors.describe(e));
        }
    }
}
