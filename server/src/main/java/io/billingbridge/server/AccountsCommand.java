package io.billingbridge.server;

import io.billingbridge.core.account.BackfillCustomers;
import io.billingbridge.core.snapshot.ReconcileSnapshots;
import io.billingbridge.db.Databases;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;

/** Operator commands that walk every owner or account, with the same adapters and wiring as the server. */
abstract class AccountsCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private final BillingBridgeApplication application;
    final PrintStream out;

    AccountsCommand(BillingBridgeApplication application, String name, String description, PrintStream out) {
        super(name, description);
        this.application = application;
        this.out = out;
    }

    abstract void run(BillingServices services);

    @Override
    protected void run(Bootstrap<BillingBridgeConfiguration> bootstrap, Namespace namespace,
            BillingBridgeConfiguration configuration) throws Exception {
        DatabaseSettings settings = configuration.getDatabase();
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(bootstrap.getMetricRegistry(), getName());
        try {
            BillingBridgeApplication.requireCurrentSchema(settings, dataSource);
            Clock clock = Clock.systemUTC();
            Adapters.Built adapters = Adapters.build(configuration.getStripe(), configuration.getClerk(), clock);
            run(new BillingServices(configuration.getBilling(), adapters, Databases.jdbi(dataSource),
                    application.hooks(), clock, () -> { }));
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

    private static PrintStream stdout() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    /** {@code backfill config.yml}: creates the Stripe customer of every Clerk user and organization without one. */
    static final class Backfill extends AccountsCommand {
        Backfill(BillingBridgeApplication application) {
            super(application, "backfill", "Create the Stripe customer of every Clerk user and organization that has none",
                    stdout());
        }

        @Override
        void run(BillingServices services) {
            BackfillCustomers.Result result = services.backfill.run();
            print("users", result.users());
            print("organizations", result.organizations());
            if (result.users().failed() + result.organizations().failed() > 0) {
                throw new StartupProblem("backfill incomplete: some owners got no customer (see the log); run it again");
            }
        }

        private void print(String what, BackfillCustomers.Counts counts) {
            out.println(what + ": " + counts.created() + " customer(s) created, " + counts.recovered()
                    + " recovered after a crash, " + counts.existing() + " already had one, "
                    + counts.failed() + " failed");
        }
    }

    /** {@code reconcile config.yml}: re-syncs the billing snapshot of every account with a customer. */
    static final class Reconcile extends AccountsCommand {
        Reconcile(BillingBridgeApplication application) {
            super(application, "reconcile", "Re-sync the billing snapshot of every account with a Stripe customer",
                    stdout());
        }

        @Override
        void run(BillingServices services) {
            ReconcileSnapshots.Result result = services.reconcile.run();
            out.println("accounts: " + result.synced() + " snapshot(s) re-synced, " + result.failed() + " failed");
            if (result.failed() > 0) {
                throw new StartupProblem("reconcile incomplete: some snapshots were not re-synced (see the log); run it again");
            }
        }
    }
}
