package io.billingbridge.server;

import io.billingbridge.core.account.BackfillCursor;
import io.billingbridge.core.account.BackfillCustomers;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.snapshot.Drift;
import io.billingbridge.core.snapshot.ReconcileAccounts;
import io.billingbridge.db.Databases;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalInt;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** Operator commands that walk every owner or account, with the same adapters and wiring as the server. */
abstract class AccountsCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private final BillingBridgeApplication application;
    final PrintStream out;

    AccountsCommand(BillingBridgeApplication application, String name, String description, PrintStream out) {
        super(name, description);
        this.application = application;
        this.out = out;
    }

    abstract void run(BillingServices services, Namespace namespace);

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
                    application.hooks(), clock, () -> { }, configuration.getEvents().endpoints(System::getenv)),
                    namespace);
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

    /**
     * {@code backfill [--dry-run] [--restart] [--limit N] config.yml}: creates the Stripe customer of every Clerk user
     * and organization without one, resuming an interrupted run.
     */
    static final class Backfill extends AccountsCommand {
        Backfill(BillingBridgeApplication application) {
            super(application, "backfill", "Create the Stripe customer of every Clerk user and organization that has none",
                    stdout());
        }

        @Override
        public void configure(Subparser subparser) {
            super.configure(subparser);
            subparser.addArgument("--dry-run").dest("dryRun").action(Arguments.storeTrue())
                    .help("list the owners that would get a customer; create and store nothing");
            subparser.addArgument("--restart").dest("restart").action(Arguments.storeTrue())
                    .help("ignore the cursor of an interrupted run and start from the first owner");
            subparser.addArgument("--limit").dest("limit").type(Integer.class).metavar("N")
                    .help("stop after N owners, keeping the cursor for the next run");
        }

        @Override
        void run(BillingServices services, Namespace namespace) {
            Integer limit = namespace.getInt("limit");
            if (limit != null && limit < 1) {
                throw new StartupProblem("--limit must be at least 1");
            }
            boolean dryRun = namespace.getBoolean("dryRun");
            BackfillCustomers.Options options = new BackfillCustomers.Options(dryRun,
                    namespace.getBoolean("restart"), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
            BackfillCustomers.Result result = services.backfill.run(options, ProgressReporter.onStandardError());
            result.resumed().ifPresent(this::printResumed);
            if (dryRun) {
                out.println("dry run: nothing was created or stored");
                result.pending().forEach(owner -> out.println("would create: " + owner.key()));
                printPlan("users", result.users());
                printPlan("organizations", result.organizations());
                return;
            }
            print("users", result.users());
            print("organizations", result.organizations());
            if (!result.complete()) {
                out.println("stopped after " + limit + " owner(s): run backfill again to continue where it stopped"
                        + " (or with --restart to start over)");
            }
            if (result.users().failed() + result.organizations().failed() > 0) {
                throw new StartupProblem("backfill incomplete: some owners got no customer (see the log); run it again");
            }
        }

        private void printResumed(BackfillCustomers.Resumed resumed) {
            if (resumed instanceof BackfillCustomers.Resumed.AfterCursor after) {
                out.println("resuming the interrupted backfill after " + after.cursor().last().key() + " ("
                        + after.cursor().position() + " " + stageName(after.cursor()) + " done; --restart starts over)");
            } else if (resumed instanceof BackfillCustomers.Resumed.Rewound rewound) {
                out.println("resuming the interrupted backfill: Clerk's list changed since, so "
                        + stageName(rewound.cursor()) + " are walked again from the first (owners with a customer"
                        + " are counted as already having one)");
            }
        }

        private static String stageName(BackfillCursor cursor) {
            return cursor.stage() == OwnerType.USER ? "users" : "organizations";
        }

        private void print(String what, BackfillCustomers.Counts counts) {
            out.println(what + ": " + counts.created() + " customer(s) created, " + counts.recovered()
                    + " recovered after a crash, " + counts.existing() + " already had one, "
                    + counts.failed() + " failed");
        }

        private void printPlan(String what, BackfillCustomers.Counts counts) {
            out.println(what + ": " + counts.created() + " would get a customer, " + counts.existing()
                    + " already have one");
        }
    }

    /**
     * {@code reconcile [--fix] [--json] [--resync-all] config.yml}: compares the accounts with the Stripe customers that name an
     * owner, reports the drift, and with {@code --fix} repairs what is safe.
     */
    static final class Reconcile extends AccountsCommand {
        Reconcile(BillingBridgeApplication application) {
            super(application, "reconcile", "Compare the accounts with Stripe's customers; report (and --fix) the drift",
                    stdout());
        }

        @Override
        public void configure(Subparser subparser) {
            super.configure(subparser);
            subparser.addArgument("--fix").dest("fix").action(Arguments.storeTrue())
                    .help("link orphans, release dead mappings, re-sync stale snapshots; leave duplicates for a person");
            subparser.addArgument("--json").dest("json").action(Arguments.storeTrue())
                    .help("print the report as JSON instead of a table");
            subparser.addArgument("--resync-all").dest("resyncAll").action(Arguments.storeTrue())
                    .help("count every snapshot as stale (after restoring a backup), so --fix re-syncs them all");
        }

        @Override
        void run(BillingServices services, Namespace namespace) {
            ReconcileAccounts.Report report = services.reconcile.run(namespace.getBoolean("fix"),
                    namespace.getBoolean("resyncAll"), ProgressReporter.onStandardError());
            if (namespace.getBoolean("json")) {
                out.println(ReconcileOutput.json(report));
            } else {
                out.print(ReconcileOutput.table(report));
            }
            if (report.count(Drift.Resolution.FAILED) > 0) {
                throw new StartupProblem("reconcile incomplete: some repairs failed (see the log); run it again");
            }
        }
    }
}
