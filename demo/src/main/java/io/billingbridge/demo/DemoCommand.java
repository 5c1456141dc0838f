package io.billingbridge.demo;

import ch.qos.logback.classic.Level;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.events.EventType;
import io.billingbridge.db.DatabaseMigrations;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.ClerkSection;
import io.billingbridge.server.EventsSection;
import io.billingbridge.server.OneLineErrors;
import io.billingbridge.server.StartupProblem;
import io.billingbridge.server.StripeSection;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.servlets.assets.AssetServlet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

/**
 * {@code demo}: everything needed to try Billing Bridge with nothing installed — an embedded PostgreSQL
 * (real binaries), migrated, the Stripe emulator on 12111 and the Clerk dev instance on 12112, seeded, and the
 * server on 8080 (admin 8081), all on loopback unless {@code --host} says otherwise.
 */
final class DemoCommand extends ServerCommand<BillingBridgeConfiguration> {
    static final int STRIPE_PORT = 12111;
    static final int CLERK_PORT = 12112;
    static final String LOOPBACK = "127.0.0.1";
    /** Where the demo page is opened: the allowed origins and the accepted {@code azp} of session tokens. */
    static final List<String> DEMO_ORIGINS = List.of("http://127.0.0.1:8080", "http://localhost:8080");
    /** The name the demo's generated events secret goes by; it is never read from the environment. */
    static final String EVENTS_SECRET_VARIABLE = "BILLING_BRIDGE_DEMO_EVENTS_SECRET";
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final EmulatorTime time;

    /** @param time the application's billing clock, which follows the emulator once it runs */
    DemoCommand(Application<BillingBridgeConfiguration> application, EmulatorTime time) {
        super(application, "demo", "Run a self-contained demo: embedded PostgreSQL and the server");
        this.time = time;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--data-dir")
                .dest("dataDir")
                .help("keep the demo database in this directory (default: a temporary directory, deleted on exit)");
        subparser.addArgument("--events-url")
                .dest("eventsUrl")
                .help("deliver every event to this URL of your application, signed (Standard Webhooks) with a fresh"
                        + " whsec_ secret printed at startup, e.g. http://localhost:3000/billing-events");
        subparser.addArgument("--host")
                .setDefault(LOOPBACK)
                .help("address the server and its admin port bind (default " + LOOPBACK
                        + ", loopback only: the demo prints an admin token)");
    }

    @Override
    protected void run(Bootstrap<BillingBridgeConfiguration> bootstrap, Namespace namespace,
            BillingBridgeConfiguration configuration) throws Exception {
        bindConnectors(configuration, namespace.getString("host"));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        EmbeddedPostgres postgres = startPostgres(namespace.getString("dataDir"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "demo-postgres-stop"));
        DataSource dataSource = postgres.getPostgresDatabase();
        int applied = new DatabaseMigrations(dataSource).migrate();
        String adminToken = new JdbiAdminTokens(Databases.jdbi(dataSource), Clock.systemUTC())
                .create("demo-" + Instant.now().getEpochSecond(), Set.of(AdminScope.READ, AdminScope.WRITE));
        String appKey = new JdbiAppKeys(Databases.jdbi(dataSource), Clock.systemUTC())
                .create("demo-backend-" + Instant.now().getEpochSecond(), Set.of(AppKeyScope.USAGE_WRITE));
        configuration.getDatabase().setUrl(postgres.getJdbcUrl("postgres", "postgres"));
        configuration.getDatabase().setUser("postgres");
        DemoSandbox sandbox;
        try {
            sandbox = DemoSandbox.start(STRIPE_PORT, CLERK_PORT, "http://127.0.0.1:8080");
        } catch (RuntimeException e) {
            throw new StartupProblem("the demo's Stripe emulator or Clerk dev instance did not start ("
                    + e.getMessage() + "): are ports " + STRIPE_PORT + " and " + CLERK_PORT + " free?");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "demo-sandbox-stop"));
        time.follow(sandbox.stripe());
        pointAt(sandbox, configuration);
        DemoMeteredAddOn.seed(sandbox, configuration.getBilling().getCheckout());
        if (configuration.getBilling().getAllowedOrigins().isEmpty()) {
            configuration.getBilling().setAllowedOrigins(DEMO_ORIGINS);
        }
        String eventsUrl = namespace.getString("eventsUrl");
        String eventsSecret = eventsUrl == null ? null : sendEventsTo(configuration, eventsUrl, newSigningSecret());
        out.println("Billing Bridge demo");
        out.println("  PostgreSQL (embedded)    " + postgres.getJdbcUrl("postgres", "postgres")
                + " (" + applied + " migration(s) applied)");
        out.println("  Stripe emulator          " + sandbox.stripe().baseUrl());
        out.println("  Clerk dev instance       " + sandbox.clerk().baseUrl() + "  (sign in as a demo user there)");
        out.println("  demo page                http://127.0.0.1:8080/demo/");
        out.println("  API                      http://127.0.0.1:8080/v1/billing/...  (browser client: /client/billing-bridge.js)");
        out.println("  health                   http://127.0.0.1:8081/healthcheck");
        out.println("  admin API                http://127.0.0.1:8080/admin/v1/...  (Authorization: Bearer " + adminToken + ";"
                + " scopes read,write)");
        out.println("  usage-based add-on       " + DemoMeteredAddOn.PRICE + " comes with " + DemoMeteredAddOn.BASE
                + "; once org_globex bought it, report usage as your backend would (app key, scope usage:write):");
        out.println("                           curl -X POST http://127.0.0.1:8080/v1/usage -H 'Authorization: Bearer "
                + appKey + "' -H 'Content-Type: application/json' -d '{\"ownerType\":\"organization\","
                + "\"ownerId\":\"org_globex\",\"event\":\"" + DemoMeteredAddOn.EVENT_NAME + "\",\"value\":3,"
                + "\"identifier\":\"demo-usage-1\"}'");
        out.println("  demo users               user_alice (admin of org_acme), user_bob (member of org_acme),");
        out.println("                           user_carol (no organization), user_dave (admin of org_globex)");
        if (eventsSecret != null) {
            out.println("  events                   every type to " + eventsUrl + " (Standard Webhooks)");
            out.println("  events signing secret    " + eventsSecret + "  (verify webhook-signature with it)");
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, BillingBridgeConfiguration configuration)
            throws Exception {
        environment.servlets().addServlet("demo-page",
                new AssetServlet("/demo", "/demo/", "index.html", StandardCharsets.UTF_8)).addMapping("/demo/*");
        environment.jersey().register(new BareResource());
        super.run(environment, namespace, configuration);
    }

    /** Makes the server's application and admin connectors listen on {@code host} only. */
    static void bindConnectors(BillingBridgeConfiguration configuration, String host) {
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        for (ConnectorFactory connector : server.getApplicationConnectors()) {
            ((HttpConnectorFactory) connector).setBindHost(host);
        }
        for (ConnectorFactory connector : server.getAdminConnectors()) {
            ((HttpConnectorFactory) connector).setBindHost(host);
        }
    }

    /**
     * Adds {@code url} as an endpoint for every event type, signed with {@code secret}, which the demo generated and
     * prints, as {@code stripe listen --forward-to} does; replaces any endpoints of the configuration file.
     *
     * @return the secret, to print
     */
    static String sendEventsTo(BillingBridgeConfiguration configuration, String url, String secret) {
        configuration.getEvents().setEndpoints(List.of(new EventsSection.EndpointSection(url, EVENTS_SECRET_VARIABLE,
                Arrays.stream(EventType.values()).map(EventType::wireName).toList())));
        configuration.getEvents().provideSecret(EVENTS_SECRET_VARIABLE, secret);
        return secret;
    }

    /** A fresh {@code whsec_} secret: 32 random bytes. */
    static String newSigningSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Points the configuration at the stand-ins; the database and origins are left as they are. */
    static void pointAt(DemoSandbox sandbox, BillingBridgeConfiguration configuration) {
        StripeSection s = configuration.getStripe();
        s.setSecretKey(DemoSandbox.STRIPE_KEY);
        s.setApiBase(sandbox.stripe().baseUrl());
        s.setWebhookSecret(DemoSandbox.STRIPE_WEBHOOK_SECRET);
        ClerkSection c = configuration.getClerk();
        c.setJwksUrl(sandbox.clerk().jwksUrl().toString());
        c.setJwtKey(null);
        c.setSecretKey(sandbox.clerk().secretKey());
        c.setApiUrl(sandbox.clerk().baseUrl().toString());
        c.setWebhookSigningSecret(sandbox.clerk().webhookSecret().orElseThrow());
        c.setIssuer(sandbox.clerk().issuer());
        if (c.getAuthorizedParties().isEmpty()) {
            c.setAuthorizedParties(DEMO_ORIGINS);
        }
    }

    private static EmbeddedPostgres startPostgres(String dataDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (dataDir != null) {
            Path dir = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(dir);
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("embedded PostgreSQL did not start: " + e.getMessage()
                    + (dataDir != null ? " (is --data-dir " + dataDir + " used by another demo?)" : ""));
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; nothing more to do
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("error: " + OneLineErrors.describe(e));
    }
}
