package io.billingbridge.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.db.DatabaseMigrations;
import io.billingbridge.db.testing.TestDatabases;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.ClerkSection;
import io.billingbridge.server.StripeSection;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Billing Bridge as it runs for real: one or more server instances over real HTTP, on one embedded PostgreSQL,
 * with the Stripe emulator and the Clerk dev instance, each on a free loopback port.
 */
public final class SystemUnderTest implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The browser origin every instance allows (success, cancel and return URLs live under it). */
    public static final String ORIGIN = "http://app.test";

    private final DemoSandbox sandbox;
    private final List<DropwizardTestSupport<BillingBridgeConfiguration>> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpenApiContract contract;

    private final int databasePort;

    private SystemUnderTest(DemoSandbox sandbox, int databasePort) {
        this.sandbox = sandbox;
        this.databasePort = databasePort;
    }

    /** Starts the stand-ins and {@code instances} servers on one fresh database. */
    public static SystemUnderTest start(int instanceCount) {
        return start(instanceCount, billing -> { });
    }

    /** As {@link #start(int)}, with the billing settings changed by {@code settings} on every instance. */
    public static SystemUnderTest start(int instanceCount,
            java.util.function.Consumer<io.billingbridge.server.BillingSection> settings) {
        return start(instanceCount, config -> settings.accept(config.getBilling()), url -> url);
    }

    /** As {@link #start(int)}, with any setting changed by {@code configure} on every instance. */
    public static SystemUnderTest startConfigured(int instanceCount,
            java.util.function.Consumer<BillingBridgeConfiguration> configure) {
        return start(instanceCount, configure, url -> url);
    }

    /** As {@link #start(int)}, with the servers reaching the database through the JDBC URL {@code route} makes. */
    public static SystemUnderTest startRoutedThrough(int instanceCount,
            java.util.function.UnaryOperator<String> route) {
        return start(instanceCount, config -> { }, route);
    }

    /** As {@link #start(int)}, on the PostgreSQL server listening on {@code databasePort} instead of the shared one. */
    public static SystemUnderTest startOn(int databasePort, int instanceCount) {
        return start(new Setup(instanceCount, config -> { }, url -> url, databasePort, BillingBridgeApplication::new));
    }

    /** As {@link #start(int)}, with one instance running the application {@code application} makes (your hooks). */
    public static SystemUnderTest startWith(java.util.function.Supplier<BillingBridgeApplication> application) {
        return start(new Setup(1, config -> { }, url -> url, TestDatabases.server().getPort(), application));
    }

    /** As {@link #startWith(java.util.function.Supplier)}, with settings changed by {@code configure}. */
    public static SystemUnderTest startWith(java.util.function.Supplier<BillingBridgeApplication> application,
            java.util.function.Consumer<BillingBridgeConfiguration> configure) {
        return start(new Setup(1, configure, url -> url, TestDatabases.server().getPort(), application));
    }

    private static SystemUnderTest start(int instanceCount,
            java.util.function.Consumer<BillingBridgeConfiguration> configure,
            java.util.function.UnaryOperator<String> route) {
        return start(new Setup(instanceCount, configure, route, TestDatabases.server().getPort(),
                BillingBridgeApplication::new));
    }

    /** How to start a system: instances, their settings, the database route and server, the application. */
    private record Setup(int instanceCount, java.util.function.Consumer<BillingBridgeConfiguration> configure,
            java.util.function.UnaryOperator<String> route, int databasePort,
            java.util.function.Supplier<BillingBridgeApplication> application) {
    }

    private static SystemUnderTest start(Setup setup) {
        String database = "system_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = dataSource(setup.databasePort(), "postgres").getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        new DatabaseMigrations(dataSource(setup.databasePort(), database)).migrate();
        String jdbcUrl = setup.route().apply(
                "jdbc:postgresql://localhost:" + setup.databasePort() + "/" + database + "?user=postgres");

        int[] ports = new int[setup.instanceCount()];
        for (int i = 0; i < setup.instanceCount(); i++) {
            ports[i] = freePort();
        }
        DemoSandbox sandbox = DemoSandbox.start(0, 0, "http://127.0.0.1:" + ports[0]);
        SystemUnderTest system = new SystemUnderTest(sandbox, setup.databasePort());
        try {
            for (int port : ports) {
                BillingBridgeConfiguration config = new BillingBridgeConfiguration();
                config.getDatabase().setUrl(jdbcUrl);
                config.getDatabase().setUser("postgres");
                system.pointAtSandbox(config);
                config.getBilling().setAllowedOrigins(List.of(ORIGIN));
                ((DefaultLoggingFactory) config.getLoggingFactory()).setLevel("WARN");
                setup.configure().accept(config);
                DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
                ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(port);
                ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
                DropwizardTestSupport<BillingBridgeConfiguration> support =
                        new DropwizardTestSupport<>(BillingBridgeApplication.class, config) {
                            @Override
                            public BillingBridgeApplication newApplication() {
                                return setup.application().get();
                            }
                        };
                support.before();
                system.instances.add(support);
            }
        } catch (Exception e) {
            system.close();
            throw new IllegalStateException("system did not start", e);
        }
        return system;
    }

    /** A data source for {@code database} on the PostgreSQL server at {@code port}, as the embedded server makes. */
    private static javax.sql.DataSource dataSource(int port, String database) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser("postgres");
        return dataSource;
    }

    /** Points the configuration at this system's Stripe emulator and Clerk dev instance. */
    public void pointAtSandbox(BillingBridgeConfiguration config) {
        StripeSection stripe = config.getStripe();
        stripe.setSecretKey(DemoSandbox.STRIPE_KEY);
        stripe.setApiBase(sandbox.stripe().baseUrl());
        stripe.setWebhookSecret(DemoSandbox.STRIPE_WEBHOOK_SECRET);
        ClerkSection clerk = config.getClerk();
        clerk.setJwksUrl(sandbox.clerk().jwksUrl().toString());
        clerk.setJwtKey(null);
        clerk.setSecretKey(sandbox.clerk().secretKey());
        clerk.setApiUrl(sandbox.clerk().baseUrl().toString());
        clerk.setWebhookSigningSecret(sandbox.clerk().webhookSecret().orElseThrow());
        clerk.setIssuer(sandbox.clerk().issuer());
        if (clerk.getAuthorizedParties().isEmpty()) {
            clerk.setAuthorizedParties(List.of(sandbox.authorizedParty(), ORIGIN));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the Clerk user {@code id} named {@code firstName} Tester (email from the id) and returns the id. */
    public String newUser(String id, String firstName) {
        sandbox.clerk().createUser(id, firstName, "Tester", id.substring(5) + "@example.test");
        return id;
    }

    public DemoSandbox sandbox() {
        return sandbox;
    }

    /** Base URL of server instance {@code i}. */
    public String baseUrl(int i) {
        return "http://127.0.0.1:" + instances.get(i).getLocalPort();
    }

    /** Admin (health check) base URL of server instance {@code i}. */
    public String adminUrl(int i) {
        return "http://127.0.0.1:" + instances.get(i).getAdminPort();
    }

    /** A fresh 60 s session token from the Clerk dev instance. */
    public String token(String userId, Optional<String> organizationId) {
        return sandbox.clerk().issueToken(userId, organizationId);
    }

    /** A request to instance 0. */
    public Call call(String method, String path) {
        return new Call(0, method, path);
    }

    /** A request to instance {@code i}. */
    public Call call(int instance, String method, String path) {
        return new Call(instance, method, path);
    }

    /** The OpenAPI document served by instance 0, which every reply to a documented operation is checked against. */
    public synchronized OpenApiContract contract() {
        if (contract == null) {
            try {
                HttpResponse<String> document = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl(0) + "/openapi.json")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (document.statusCode() != 200) {
                    throw new AssertionError("GET /openapi.json answered " + document.statusCode());
                }
                contract = new OpenApiContract(document.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return contract;
    }

    /** The resource classes registered with instance {@code i}'s Jersey (Dropwizard keeps them as classes). */
    public List<Class<?>> resourceClasses(int i) {
        var config = instances.get(i).getEnvironment().jersey().getResourceConfig();
        return java.util.stream.Stream.concat(config.getClasses().stream(),
                        config.getInstances().stream().<Class<?>>map(Object::getClass))
                .filter(type -> type.isAnnotationPresent(jakarta.ws.rs.Path.class)).distinct().toList();
    }

    /** A response: status, headers, body as JSON. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** A request being built. */
    public final class Call {
        private final HttpRequest.Builder builder;
        private final String method;
        private final URI uri;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(int instance, String method, String path) {
            this.method = method;
            this.uri = URI.create(baseUrl(instance) + path);
            this.builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        }

        public Call bearer(String token) {
            builder.header("Authorization", "Bearer " + token);
            return this;
        }

        public Call header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Call json(String json) {
            builder.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
            return this;
        }

        public Call bytes(byte[] bytes, String contentType) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        /** Sends the request; a reply to a documented operation must match the document. */
        public Reply send() {
            try {
                HttpResponse<String> response = http.send(builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString());
                Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
                contract().check(method, uri, reply);
                return reply;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits (bounded) until the condition holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** The Jetty server of instance {@code i}: the same object for as long as the instance runs. */
    public org.eclipse.jetty.server.Server jetty(int i) {
        return instances.get(i).getEnvironment().getApplicationContext().getServer();
    }

    /** The JDBC URL of the system's database. */
    public String databaseUrl() {
        return instances.get(0).getConfiguration().getDatabase().getUrl();
    }

    /** The system's database, for tests that set up or inspect rows through the db adapters. */
    public javax.sql.DataSource database() {
        String url = databaseUrl();
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') > 0 ? url.indexOf('?') : url.length());
        return dataSource(databasePort, database);
    }

    /** Runs a statement on the system's database, for setting up a state the API cannot reach directly. */
    public void execute(String sql) {
        try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        awaitOwnerFeeds();
    }

    /**
     * Waits until every instance that serves billing reads from memory has heard the owner changes committed so
     * far, as a request arriving a moment later would find in production: a delivery check sent now is heard after
     * them (notifications arrive in commit order). An instance whose feed is not live reads the database anyway.
     */
    private void awaitOwnerFeeds() {
        String pings = "billing_owner_feed_pings_heard";
        List<Double> before = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            before.add(metric(i, pings));
        }
        try (Connection c = database().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_notify('billing_owner', 'ping:system-under-test')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        await("every instance's owner change feed to hear the changes", Duration.ofSeconds(10), () -> {
            for (int i = 0; i < instances.size(); i++) {
                if (metric(i, "billing_read_cache_serving") == 1.0 && metric(i, pings) <= before.get(i)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * The value of one Prometheus series (name with its labels, as printed) on instance {@code i}'s admin port;
     * 0 when absent or when the instance does not answer (stopped).
     */
    public double metric(int i, String series) {
        String text;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl(i)
                    + "/metrics/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            text = response.body();
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    /** Counts rows with a query on the system's database. */
    public long count(String sql) {
        try (Connection c = database().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (DropwizardTestSupport<BillingBridgeConfiguration> instance : instances) {
            try {
                instance.after();
            } catch (RuntimeException e) {
                // keep closing the rest
            }
        }
        sandbox.close();
    }
}
