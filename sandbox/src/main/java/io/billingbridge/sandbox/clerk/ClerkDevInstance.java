package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for a Clerk development instance: JWKS, 60 s v2 session tokens for seeded users, the
 * Backend API subset Billing Bridge uses, and Svix-signed webhooks.
 *
 * <p>Endpoints: {@code GET /.well-known/jwks.json}; with {@code Authorization: Bearer <secret key>}:
 * {@code GET /v1/jwks}, {@code GET /v1/users[/{id}]}, {@code PATCH /v1/users/{id}/metadata},
 * {@code GET /v1/organizations[/{id}]}, {@code GET /v1/organizations/{id}/memberships},
 * {@code PATCH /v1/organizations/{id}/metadata}; the sign-in page at {@code /}; and helpers under
 * {@code /_sandbox/} (sign-in, refresh, sign-out, users, organizations, memberships, rotate-key, failures).
 * Seeded data emits no webhooks. For local use only: it is not secure.
 *
 * <p>This class starts and stops the server and wires the parts: {@link DevDispatcher} routes each request
 * to a resource ({@link UserResource}, {@link OrganizationResource}, {@link MembershipResource},
 * {@link JwksResource}, {@link SessionResource}, {@link SandboxHelpers}); {@link DevStore} keeps the data,
 * {@link DevJson} renders it and {@link SvixSender} delivers the webhooks its changes raise.
 */
public final class ClerkDevInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkDevInstance.class);

    /** Seeded user ids. */
    public static final String ALICE = "user_alice";
    public static final String BOB = "user_bob";
    public static final String CAROL = "user_carol";
    public static final String DAVE = "user_dave";
    /** Seeded organization ids. */
    public static final String ACME = "org_acme";
    public static final String GLOBEX = "org_globex";

    private final ClerkDevConfig config;
    private final DevKeys keys = new DevKeys();
    private final DevFailures failures = new DevFailures();
    private final DevStore store;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI baseUrl;
    private final DevSessions sessions;
    private final JwksResource jwks;
    private final BackendApi backend;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile SvixSender sender;

    /** A webhook the dev instance delivered (or gave up on: status 0 or not 2xx). */
    public record Delivery(String messageId, String type, int status) {
    }

    private ClerkDevInstance(ClerkDevConfig config) {
        this.config = config;
        this.store = new DevStore(config.clock(), this::publish);
        if (config.seedDemoUsers()) {
            seed();
        }
        this.server = bind(config);
        this.baseUrl = URI.create("http://" + hostForUrl(config.host()) + ":" + server.getAddress().getPort());
        this.sessions = new DevSessions(store, keys, issuer(), config.clock(), config.sessionTokenTtl());
        this.jwks = new JwksResource(keys);
        SessionResource signIn = new SessionResource(store, sessions, baseUrl.toString(), config.authorizedParty());

        DevRouter pages = new DevRouter();
        jwks.registerFrontend(pages);
        signIn.registerPage(pages);
        DevRouter keyRoutes = new DevRouter();
        jwks.registerBackend(keyRoutes);
        DevRouter api = new DevRouter();
        new UserResource(store).register(api);
        new OrganizationResource(store).register(api);
        new MembershipResource(store).register(api);
        DevRouter helpers = new DevRouter();
        signIn.registerHelpers(helpers);
        new SandboxHelpers(store, failures, this::rotateKey).register(helpers);
        this.backend = new BackendApi(config.secretKey(), keyRoutes, api, failures);

        this.executor = executor(config.threads());
        server.setExecutor(executor);
        server.createContext("/", new DevDispatcher(backend, helpers, pages));
        server.start();
    }

    /** Starts a dev instance; close it to stop. */
    public static ClerkDevInstance start(ClerkDevConfig config) {
        ClerkDevInstance instance = new ClerkDevInstance(config);
        config.webhookUrl().ifPresent(url ->
                instance.sender = new SvixSender(url, config.webhookSecret().orElseThrow(), config.clock()));
        LOG.info("Clerk dev instance listening on {}", instance.baseUrl);
        return instance;
    }

    private void seed() {
        store.createUser(ALICE, "Alice", "Anders", "alice@acme.test");
        store.createUser(BOB, "Bob", "Baker", "bob@acme.test");
        store.createUser(CAROL, "Carol", "Chen", "carol@example.test");
        store.createUser(DAVE, "Dave", "Diaz", "dave@globex.test");
        store.createOrganization(ACME, "Acme", "acme", ALICE);
        store.addMembership(ACME, BOB, DevMembership.MEMBER);
        store.createOrganization(GLOBEX, "Globex", "globex", DAVE);
    }

    /** Sends a store change as a webhook, once webhooks are on (so the seed sends none). */
    private void publish(String type, ObjectNode data) {
        SvixSender s = sender;
        if (s != null) {
            s.send(type, data);
        }
    }

    private static HttpServer bind(ClerkDevConfig config) {
        try {
            return HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Clerk dev instance", e);
        }
    }

    private static ThreadPoolExecutor executor(int threads) {
        AtomicInteger threadNumber = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "clerk-dev-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        SvixSender s = sender;
        if (s != null) {
            s.close();
        }
        closed.countDown();
    }

    /** Blocks until {@link #close()} is called, for a standalone {@code clerk-dev} command. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    // ---- what the demo and tests use ----

    /** Where the instance listens, e.g. {@code http://127.0.0.1:12112}; also the Backend API base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The Frontend API JWKS ({@code /.well-known/jwks.json}), no key needed. */
    public URI jwksUrl() {
        return baseUrl.resolve("/.well-known/jwks.json");
    }

    /** The Backend API JWKS ({@code /v1/jwks}), needs {@link #secretKey()}. */
    public URI backendJwksUrl() {
        return baseUrl.resolve("/v1/jwks");
    }

    /** The sign-in page. */
    public URI signInUrl() {
        return baseUrl.resolve("/");
    }

    /** The {@code iss} of issued tokens: the base URL, as Clerk uses its Frontend API URL. */
    public String issuer() {
        return baseUrl.toString();
    }

    public String secretKey() {
        return config.secretKey();
    }

    /** The {@code whsec_} secret webhooks are signed with, if webhooks are configured. */
    public Optional<String> webhookSecret() {
        return config.webhookSecret();
    }

    /** The current signing key in PEM form, for networkless verification ({@code CLERK_JWT_KEY}). */
    public String publicKeyPem() {
        return keys.publicKeyPem();
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /** Rotates the signing key; the previous key stays published. Returns the new kid. */
    public String rotateKey() {
        String kid = keys.rotate();
        LOG.info("Clerk dev instance rotated its signing key to {}", kid);
        return kid;
    }

    /** Starts a session and returns its first v2 session token. */
    public String issueToken(String userId, Optional<String> organizationId) {
        return sessions.mint(sessions.start(userId, organizationId, config.authorizedParty()));
    }

    /** Signs arbitrary claims with the current key, for tests of unusual tokens. */
    public String signToken(Map<String, Object> claims) {
        return keys.sign(claims);
    }

    /** How many times either JWKS endpoint was fetched. */
    public int jwksRequestCount() {
        return jwks.requestCount();
    }

    /** How many Backend API requests (other than {@code /v1/jwks}) arrived, failed ones included. */
    public int backendRequestCount() {
        return backend.requestCount();
    }

    /** The next {@code count} Backend API requests fail with this status (and {@code Retry-After}, if given). */
    public void injectFailures(int count, int status, Optional<Duration> retryAfter) {
        failures.inject(count, status, retryAfter);
    }

    /** Webhooks finished so far, in delivery order. */
    public List<Delivery> webhookDeliveries() {
        SvixSender s = sender;
        return s == null ? List.of() : s.deliveries();
    }

    public DevUser createUser(String id, String firstName, String lastName, String email) {
        return store.createUser(id, firstName, lastName, email);
    }

    public DevUser updateUser(DevUser changed) {
        return store.updateUser(changed);
    }

    public void deleteUser(String id) {
        store.deleteUser(id);
    }

    /** Creates an organization; {@code createdBy}, if not null, becomes its admin. */
    public DevOrganization createOrganization(String id, String name, String slug, String createdBy) {
        return store.createOrganization(id, name, slug, createdBy);
    }

    public DevOrganization updateOrganization(DevOrganization changed) {
        return store.updateOrganization(changed);
    }

    public void deleteOrganization(String id) {
        store.deleteOrganization(id);
    }

    public DevMembership addMembership(String organizationId, String userId, String role) {
        return store.addMembership(organizationId, userId, role);
    }

    public DevMembership updateMembership(String organizationId, String userId, String role) {
        return store.updateMembership(organizationId, userId, role);
    }

    public void removeMembership(String organizationId, String userId) {
        store.removeMembership(organizationId, userId);
    }

    public Optional<DevUser> user(String id) {
        return store.user(id);
    }

    public Optional<DevOrganization> organization(String id) {
        return store.organization(id);
    }

    /** All users, oldest first. */
    public List<DevUser> users() {
        return store.users(false);
    }

    /** All organizations, oldest first. */
    public List<DevOrganization> organizations() {
        return store.organizations(false);
    }

    public List<DevMembership> memberships(String organizationId) {
        return store.memberships(organizationId);
    }
}
