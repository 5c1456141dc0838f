package io.billingbridge.server;

import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.events.AppEvents;
import io.billingbridge.core.events.DeliverEvents;
import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.snapshot.CachedOwnerSnapshots;
import io.billingbridge.core.usage.ForwardUsage;
import io.billingbridge.core.usage.MeterDirectory;
import io.billingbridge.core.usage.ReportUsage;
import io.billingbridge.core.usage.UsageOutbox;
import io.billingbridge.db.DatabaseMigrations;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiOverviews;
import io.billingbridge.db.JdbiUsageOutbox;
import io.billingbridge.db.PostgresOwnerChanges;
import io.billingbridge.http.AdminAuthFilter;
import io.billingbridge.http.AdminResource;
import io.billingbridge.http.AppKeyAuthFeature;
import io.billingbridge.http.BillingExceptionMapper;
import io.billingbridge.http.BillingResource;
import io.billingbridge.http.BillingUsageResource;
import io.billingbridge.http.BodyLimitFilter;
import io.billingbridge.http.CorsFilter;
import io.billingbridge.http.NoStoreFilter;
import io.billingbridge.http.OpenApiResource;
import io.billingbridge.http.RequestIdFilter;
import io.billingbridge.http.SessionAuthFilter;
import io.billingbridge.http.UnexpectedExceptionMapper;
import io.billingbridge.http.UsageResource;
import io.billingbridge.http.WebhookResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.JarLocation;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

/** Billing Bridge: wires the adapters to the core use cases, by hand. */
public class BillingBridgeApplication extends Application<BillingBridgeConfiguration> {

    /** Where the admin connector serves every metric in the Prometheus text format (docs/operations.md). */
    static final String PROMETHEUS_PATH = "/metrics/prometheus";
    /** How often the owner change feed's connection is probed, which bounds how long a dead one goes unnoticed. */
    private static final Duration OWNER_FEED_PROBE = Duration.ofSeconds(5);

    private static final Set<String> DEMO_COMMANDS = Set.of("demo", "stripe-emulator", "clerk-dev");

    private final Hooks hooks;
    private final Clock billingClock;

    /** The application with the default behaviour. */
    public BillingBridgeApplication() {
        this(Hooks.defaults());
    }

    /** The application with your Java hooks (see {@link Hooks}). */
    public BillingBridgeApplication(Hooks hooks) {
        this(hooks, Clock.systemUTC());
    }

    /**
     * The application with your Java hooks, computing access states (grace periods) by {@code billingClock}: for a
     * demo or test whose Stripe emulator clock has been moved forward, a clock that follows the emulator's.
     */
    public BillingBridgeApplication(Hooks hooks, Clock billingClock) {
        this.hooks = hooks;
        this.billingClock = java.util.Objects.requireNonNull(billingClock, "billingClock");
    }

    public static void main(String[] args) throws Exception {
        new BillingBridgeApplication().run(args);
    }

    @Override
    public void run(String... arguments) throws Exception {
        run(arguments, System.out, System.err).ifPresent(this::onFatalError);
    }

    /**
     * Runs one command line as {@link Application#run(String...)} does, except that an unknown command is one line
     * on {@code err} instead of the whole usage; empty when the command succeeded.
     */
    Optional<Throwable> run(String[] arguments, PrintStream out, PrintStream err) throws Exception {
        Bootstrap<BillingBridgeConfiguration> bootstrap = new Bootstrap<>(this);
        addDefaultCommands(bootstrap);
        initialize(bootstrap);
        bootstrap.registerMetrics();
        if (arguments.length > 0 && !arguments[0].startsWith("-")
                && bootstrap.getCommands().stream().noneMatch(c -> c.getName().equals(arguments[0]))) {
            String known = bootstrap.getCommands().stream().map(Command::getName).collect(Collectors.joining(", "));
            String hint = DEMO_COMMANDS.contains(arguments[0])
                    ? " (" + arguments[0] + " is in the demo jar, demo/target/billing-bridge-demo.jar)" : "";
            err.println("error: unknown command '" + arguments[0] + "'" + hint + "; commands: " + known);
            return Optional.of(new StartupProblem("unknown command " + arguments[0]));
        }
        return new Cli(new JarLocation(getClass()), bootstrap, out, err).run(arguments);
    }

    @Override
    public String getName() {
        return "billing-bridge";
    }

    @Override
    protected void addDefaultCommands(Bootstrap<BillingBridgeConfiguration> bootstrap) {
        bootstrap.addCommand(new ServeCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this) {
            @Override
            public void onError(Cli cli, Namespace namespace, Throwable e) {
                cli.getStdErr().println("error: " + OneLineErrors.describe(e));
            }

            @Override
            protected void cleanup() {
                CommandLogging.finish(getConfiguration());
            }
        });
    }

    @Override
    public void initialize(Bootstrap<BillingBridgeConfiguration> bootstrap) {
        bootstrap.setConfigurationFactoryFactory(new EnvironmentSubstitution<>(new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DatabaseCommand());
        bootstrap.addCommand(new AdminTokenCommand());
        bootstrap.addCommand(new AppKeyCommand());
        bootstrap.addCommand(new AccountsCommand.Backfill(this));
        bootstrap.addCommand(new AccountsCommand.Reconcile(this));
    }

    @Override
    public void run(BillingBridgeConfiguration configuration, Environment environment) {
        DataSourceFactory dataSourceFactory = configuration.getDatabase().toDataSourceFactory();
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, dataSource, "database");
        Databases.configure(jdbi);
        requireCurrentSchema(configuration.getDatabase(), dataSource);

        Clock clock = Clock.systemUTC();
        BillingMetrics metrics = new BillingMetrics(environment.metrics(), clock).withLedger(new JdbiOverviews(jdbi));
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(metrics.registry()))
                .addMapping(PROMETHEUS_PATH);
        Adapters.Built adapters = Adapters.build(configuration.getStripe(), configuration.getClerk(), clock, metrics);
        configuration.getClerk().requireAuthorizedParties();
        DrainLoop workerLoop = new DrainLoop("webhook-worker", "the webhook ledger");
        List<EventEndpoint> eventEndpoints = configuration.getEvents().endpoints(System::getenv);
        DrainLoop eventLoop = new DrainLoop("event-delivery", "the event outbox");
        BillingServices services = new BillingServices(configuration.getBilling(), adapters, jdbi, hooks, clock,
                workerLoop::wake, metrics, billingClock, configuration.getDatabase().getReadCache(), eventEndpoints,
                eventLoop::wake);
        workerLoop.attach(services.worker::drain);
        environment.lifecycle().manage(workerLoop);
        manageEventDelivery(environment, configuration.getEvents(), eventEndpoints, services, eventLoop, clock);
        manageOwnerChangeFeed(environment, configuration.getDatabase(), services.ownerCache)
                .ifPresent(feed -> metrics.withOwnerFeed(feed::pingsHeard));
        metrics.withReadCache(services.ownerCache::serving);
        ReportUsage reportUsage = manageUsage(environment, configuration.getUsage(), adapters, jdbi, services.accounts, services.appEvents,
                metrics, clock);

        ((DefaultServerFactory) configuration.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        ConnectorDefaults.apply(configuration.getServerFactory());
        RequestLogDefaults.apply(configuration.getServerFactory());
        LogRedaction.install();
        installJsonErrors(environment);
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new RequestIdFilter());
        jersey.register(new NoStoreFilter());
        jersey.register(new BodyLimitFilter(configuration.getBilling().maxBodyBytes()));
        jersey.register(new CorsFilter(services.urls.allowedOrigins()));
        jersey.register(new SessionAuthFilter(adapters.tokens()));
        jersey.register(new AdminAuthFilter(services.authenticateAdmin));
        jersey.register(new AppKeyAuthFeature(services.authenticateAppKey));
        jersey.register(new BillingExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper(DatabaseSettings::isPoolExhausted));
        jersey.register(new BadMessageMapper());
        jersey.register(new BillingResource(services.catalog, services.reads, services.startCheckout,
                services.afterCheckout, services.openPortal, new BillingResource.PlanChanges(services.previewPlanChange,
                        services.changePlan, services.withdrawScheduledChange), services.cancelSubscription,
                services.resumeSubscription));
        jersey.register(new BillingUsageResource(services.usage));
        jersey.register(new WebhookResource(services.receiveWebhook));
        jersey.register(new AdminResource(services.inspectAccount, services.resyncAccount, services.relinkAccount,
                services.listWebhookEvents, services.retryWebhookEvent, services.readAuditLog,
                new AdminResource.Console(services.describeCaller, services.showOverview, services.readOwnerEvents,
                        services.readOwnerAudit, services.pushProfile, services.searchAccounts,
                        services.listAppEvents, services.retryAppEvent)));
        jersey.register(new UsageResource(services.describeAppKey, reportUsage));
        jersey.register(OpenApiResource.of(Set.of(BillingResource.class, BillingUsageResource.class,
                WebhookResource.class, AdminResource.class, UsageResource.class)));
        environment.healthChecks().register("webhook-ledger", new LedgerHealthCheck(services.ledger));
        environment.servlets().addServlet("browser-client", new BrowserClientServlet()).addMapping("/client/*");
    }

    /**
     * Takes usage reports into the outbox and forwards them to Stripe from a loop woken by each accepted report;
     * Stripe's refusals become {@code usage.rejected} events and a log line (and the {@code billing_usage_rejected}
     * series).
     */
    private static ReportUsage manageUsage(Environment environment, UsageSection usage, Adapters.Built adapters,
            Jdbi jdbi, BillingAccounts accounts, AppEvents appEvents, BillingMetrics metrics, Clock clock) {
        UsageOutbox outbox = new JdbiUsageOutbox(jdbi);
        UsageMetrics signals = new UsageMetrics(metrics.registry(), outbox::backlog);
        MeterDirectory meters = new MeterDirectory(adapters.meterEvents(), clock);
        DrainLoop loop = new DrainLoop("usage-forwarding", "the usage outbox", usage.forwardEvery());
        int lanes = usage.parallelSends();
        ExecutorService senders = environment.lifecycle().executorService("usage-send-%d").minThreads(lanes)
                .maxThreads(lanes).build();
        ForwardUsage forward = new ForwardUsage(outbox, adapters.meterEvents(), meters, accounts,
                new UsageRejectionEvents(appEvents), signals, clock, usage.recheckWaitingEvery(), senders, lanes);
        loop.attach(forward::drain);
        environment.lifecycle().manage(loop);
        return new ReportUsage(accounts, meters, outbox, usage.isKeepUntilSubscribed(), loop::wake, signals, clock);
    }

    /**
     * Delivers recorded events to the configured endpoints; without endpoints, nothing runs. Deliveries to endpoints
     * no longer configured are kept and told of in the log.
     */
    private static void manageEventDelivery(Environment environment, EventsSection events,
            List<EventEndpoint> endpoints, BillingServices services, DrainLoop loop, Clock clock) {
        DeliverEvents.reportUnconfigured(services.eventOutbox, endpoints);
        if (endpoints.isEmpty()) {
            return;
        }
        DeliverEvents delivery = new DeliverEvents(services.eventOutbox, new HttpEventSender(events.timeout()),
                new StandardWebhookSigner(), endpoints, clock, "instance-" + UUID.randomUUID());
        loop.attach(delivery::drain);
        environment.lifecycle().manage(loop);
    }

    /**
     * Listens for every instance's changes to owners' accounts and snapshots, so billing reads may be served from
     * memory; until the feed is live, and whenever it is lost, they go to the database.
     */
    private static Optional<PostgresOwnerChanges> manageOwnerChangeFeed(Environment environment,
            DatabaseSettings database, CachedOwnerSnapshots cache) {
        if (cache.disabled()) {
            return Optional.empty();
        }
        PostgresOwnerChanges feed = new PostgresOwnerChanges(database::openChangeFeedConnection, cache,
                OWNER_FEED_PROBE, database.getReadCache().reconnectAfter());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                feed.start();
            }

            @Override
            public void stop() throws InterruptedException {
                feed.close();
            }
        });
        return Optional.of(feed);
    }

    /** Jetty's own errors (on the server, the application and the admin context) in the API's error shape. */
    private static void installJsonErrors(Environment environment) {
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.getAdminContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler());
                }
            }
        });
    }

    /** The Java hooks this application was built with. */
    Hooks hooks() {
        return hooks;
    }

    static void requireCurrentSchema(DatabaseSettings settings, ManagedDataSource dataSource) {
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
