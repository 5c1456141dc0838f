package io.billingbridge.server;

import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.AdminTokenInfo;
import io.billingbridge.core.admin.AdminTokens;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code admin-token create NAME [--scopes read|read,write] config.yml}, {@code admin-token revoke NAME config.yml} and
 * {@code admin-token list config.yml}: issues (printing it once), revokes or lists the admin API's tokens.
 */
final class AdminTokenCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private static final String NAME = "name";
    private static final String FILE = "file";
    private final PrintStream out;

    AdminTokenCommand() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    AdminTokenCommand(PrintStream out) {
        super("admin-token", "Create (printed once), revoke or list the bearer tokens of the admin API");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create", "revoke", "list")
                .help("create: issue a token and print it once; revoke: refuse the named token from now on; "
                        + "list: show every token's name, scopes and times (never a token)");
        subparser.addArgument(NAME).nargs("?")
                .help("the token's name, e.g. support-alice (letters, digits, '.', '_', '-'); not for list");
        subparser.addArgument("--scopes").setDefault("read")
                .help("create only: 'read' (the default: look, never act) or 'read,write' (also sync, relink, "
                        + "push-profile and retry)");
        super.configure(subparser);
    }

    /** {@code list config.yml} has no name: the one word after {@code list} is the configuration file. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if ("list".equals(namespace.getString("action")) && namespace.get(FILE) == null) {
            Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
            attributes.put(FILE, attributes.put(NAME, null));
            super.run(bootstrap, new Namespace(attributes));
        } else {
            super.run(bootstrap, namespace);
        }
    }

    @Override
    protected void run(Bootstrap<BillingBridgeConfiguration> bootstrap, Namespace namespace,
            BillingBridgeConfiguration configuration) throws Exception {
        String action = namespace.getString("action");
        Optional<String> name = Optional.ofNullable(namespace.getString(NAME));
        if ("list".equals(action) == name.isPresent()) {
            throw new InvalidRequest("invalid_arguments", "list".equals(action)
                    ? "admin-token list takes no name: admin-token list config.yml"
                    : "admin-token " + action + " needs a name: admin-token " + action + " NAME config.yml");
        }
        Set<AdminScope> scopes = AdminScope.parse(namespace.getString("scopes"));
        DatabaseSettings settings = configuration.getDatabase();
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(bootstrap.getMetricRegistry(), "admin-token");
        try {
            BillingBridgeApplication.requireCurrentSchema(settings, dataSource);
            AdminTokens tokens = new JdbiAdminTokens(Databases.jdbi(dataSource), Clock.systemUTC());
            switch (action) {
                case "create" -> {
                    String token = tokens.create(name.get(), scopes);
                    out.println("admin token '" + name.get() + "' (" + AdminScope.format(scopes) + "):");
                    out.println(token);
                    out.println("Store it now: it cannot be shown again (only its hash is kept).");
                }
                case "revoke" -> {
                    tokens.revoke(name.get());
                    out.println("admin token '" + name.get() + "' revoked");
                }
                default -> printTable(tokens.list());
            }
        } finally {
            dataSource.stop();
        }
    }

    private void printTable(List<AdminTokenInfo> tokens) {
        if (tokens.isEmpty()) {
            out.println("no admin tokens yet: admin-token create NAME [--scopes read,write] config.yml");
            return;
        }
        CredentialTable table = new CredentialTable();
        for (AdminTokenInfo token : tokens) {
            table.add(token.name(), AdminScope.format(token.scopes()), token.createdAt(), token.lastUsedAt(),
                    token.revokedAt());
        }
        table.print(out);
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
