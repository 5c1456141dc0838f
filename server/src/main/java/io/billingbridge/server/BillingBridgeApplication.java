package io.billingbridge.server;

import io.billingbridge.db.DatabaseMigrations;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** Billing Bridge: wires the adapters to the core use cases, by hand. */
public class BillingBridgeApplication extends Application<BillingBridgeConfiguration> {

    public static void main(String[] args) throws Exception {
        new BillingBridgeApplication().run(args);
    }

    @Override
    public String getName() {
        return "billing-bridge";
    }

    @Override
    protected void addDefaultCommands(Bootstrap<BillingBridgeConfiguration> bootstrap) {
        bootstrap.addCommand(new ServeCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<BillingBridgeConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DatabaseCommand());
        bootstrap.addCommand(new DemoCommand(this));
    }

    @Override
    public void run(BillingBridgeConfiguration configuration, Environment environment) {
        DataSourceFactory dataSourceFactory = configuration.getDatabase().toDataSourceFactory();
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, dataSource, "database");
        jdbi.installPlugin(new PostgresPlugin());
        requireCurrentSchema(configuration.getDatabase(), dataSource);
    }

    private static void requireCurrentSchema(DatabaseSettings settings, ManagedDataSource dataSource) {
        boolean current;
        try {
            current = new DatabaseMigrations(dataSource).isCurrent();
        } catch (RuntimeException e) {
            throw new StartupProblem(OneLineErrors.describe(e));
        }
        if (!current) {
            throw new StartupProblem("database " + settings.describe()
                    + " has pending migrations: run `java -jar billing-bridge.jar db migrate config.yml` first");
        }
    }
}
