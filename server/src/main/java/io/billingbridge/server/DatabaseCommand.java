package io.billingbridge.server;

import io.billingbridge.db.DatabaseMigrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate|info config.yml}: applies or lists the Flyway migrations. */
final class DatabaseCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private final PrintStream out;

    DatabaseCommand() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    DatabaseCommand(PrintStream out) {
        super("db", "Apply (migrate) or list (info) the database migrations");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate", "info").help("migrate: apply pending migrations; info: list them");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<BillingBridgeConfiguration> bootstrap, Namespace namespace,
            BillingBridgeConfiguration configuration) throws Exception {
        DatabaseSettings settings = configuration.getDatabase();
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(bootstrap.getMetricRegistry(), "migrations");
        try {
            DatabaseMigrations migrations = new DatabaseMigrations(dataSource);
            if ("migrate".equals(namespace.getString("action"))) {
                int applied = migrations.migrate();
                out.println(applied == 0
                        ? "database " + settings.describe() + " is up to date"
                        : "applied " + applied + " migration(s) to " + settings.describe());
            } else {
                for (DatabaseMigrations.Status status : migrations.info()) {
                    out.printf("%-6s %-40s %s%n", status.version(), status.description(), status.state());
                }
            }
        } finally {
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("error: " + OneLineErrors.describe(e));
    }

    @Override
    protected void cleanup() {
        CommandLogging.finish(getConfiguration());
    }
}
