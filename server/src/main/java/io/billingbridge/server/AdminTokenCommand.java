package io.billingbridge.server;

import io.billingbridge.core.admin.AdminTokens;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code admin-token create|revoke NAME config.yml}: issues (printing it once) or revokes an admin API token. */
final class AdminTokenCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private final PrintStream out;

    AdminTokenCommand() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    AdminTokenCommand(PrintStream out) {
        super("admin-token", "Create (printed once) or revoke a bearer token of the admin API");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create", "revoke")
                .help("create: issue a token and print it once; revoke: refuse the named token from now on");
        subparser.addArgument("name").help("the token's name, e.g. support-alice (letters, digits, '.', '_', '-')");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<BillingBridgeConfiguration> bootstrap, Namespace namespace,
            BillingBridgeConfiguration configuration) throws Exception {
        DatabaseSettings settings = configuration.getDatabase();
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(bootstrap.getMetricRegistry(), "admin-token");
        try {
            BillingBridgeApplication.requireCurrentSchema(settings, dataSource);
            AdminTokens tokens = new JdbiAdminTokens(Databases.jdbi(dataSource), Clock.systemUTC());
            String name = namespace.getString("name");
            if ("create".equals(namespace.getString("action"))) {
                String token = tokens.create(name);
                out.println("admin token '" + name + "':");
                out.println(token);
                out.println("Store it now: it cannot be shown again (only its hash is kept).");
            } else {
                tokens.revoke(name);
                out.println("admin token '" + name + "' revoked");
            }
        } finally {
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("error: " + OneLineErrors.describe(e));
    }
}
