package io.billingbridge.server;

import io.billingbridge.core.appkey.AppKeyInfo;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.AppKeys;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAppKeys;
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
 * {@code app-key create NAME [--scopes usage:write,billing:read] config.yml}, {@code app-key revoke NAME config.yml}
 * and {@code app-key list config.yml}: issues (printing it once), revokes or lists the application keys of the
 * server-to-server API.
 */
final class AppKeyCommand extends ConfiguredCommand<BillingBridgeConfiguration> {
    private static final String NAME = "name";
    private static final String FILE = "file";
    private final PrintStream out;

    AppKeyCommand() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    AppKeyCommand(PrintStream out) {
        super("app-key", "Create (printed once), revoke or list the application keys of the server-to-server API");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create", "revoke", "list")
                .help("create: issue a key and print it once; revoke: refuse the named key from now on; "
                        + "list: show every key's name, scopes and times (never a key)");
        subparser.addArgument(NAME).nargs("?")
                .help("the key's name, e.g. orders-service (letters, digits, '.', '_', '-'); not for list");
        subparser.addArgument("--scopes").setDefault(AppKeyScope.USAGE_WRITE.wireName())
                .help("create only: 'usage:write' (the default: report usage), 'billing:read' (read an owner's "
                        + "billing), or both, comma-separated");
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
                    ? "app-key list takes no name: app-key list config.yml"
                    : "app-key " + action + " needs a name: app-key " + action + " NAME config.yml");
        }
        Set<AppKeyScope> scopes = AppKeyScope.parse(namespace.getString("scopes"));
        DatabaseSettings settings = configuration.getDatabase();
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(bootstrap.getMetricRegistry(), "app-key");
        try {
            BillingBridgeApplication.requireCurrentSchema(settings, dataSource);
            AppKeys keys = new JdbiAppKeys(Databases.jdbi(dataSource), Clock.systemUTC());
            switch (action) {
                case "create" -> {
                    String key = keys.create(name.get(), scopes);
                    out.println("app key '" + name.get() + "' (" + AppKeyScope.format(scopes) + "):");
                    out.println(key);
                    out.println("Store it now, in your backend's secrets: it cannot be shown again (only its hash "
                            + "is kept).");
                }
                case "revoke" -> {
                    keys.revoke(name.get());
                    out.println("app key '" + name.get() + "' revoked");
                }
                default -> printTable(keys.list());
            }
        } finally {
            dataSource.stop();
        }
    }

    private void printTable(List<AppKeyInfo> keys) {
        if (keys.isEmpty()) {
            out.println("no app keys yet: app-key create NAME [--scopes usage:write,billing:read] config.yml");
            return;
        }
        CredentialTable table = new CredentialTable();
        for (AppKeyInfo key : keys) {
            table.add(key.name(), AppKeyScope.format(key.scopes()), key.createdAt(), key.lastUsedAt(), key.revokedAt());
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
