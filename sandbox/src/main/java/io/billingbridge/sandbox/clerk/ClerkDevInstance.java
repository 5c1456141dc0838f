package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
    private final DevStore store;
    private final Map<String, DevSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger backendRequests = new AtomicInteger();
    private final Object failureLock = new Object();
    private FailurePlan failures = new FailurePlan(0, 500, Optional.empty());
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile SvixSender sender;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private URI baseUrl;

    /** A webhook the dev instance delivered (or gave up on: status 0 or not 2xx). */
    public record Delivery(String messageId, String type, int status) {
    }

    private record FailurePlan(int remaining, int status, Optional<Duration> retryAfter) {
    }

    private ClerkDevInstance(ClerkDevConfig config) {
        this.config = config;
        this.store = new DevStore(config.clock(), (type, data) -> {
            SvixSender s = sender;
            if (s != null) {
                s.send(type, data);
            }
        });
    }

    /** Starts a dev instance; close it to stop. */
    public static ClerkDevInstance start(ClerkDevConfig config) {
        ClerkDevInstance instance = new ClerkDevInstance(config);
        if (config.seedDemoUsers()) {
            instance.seed();
        }
        instance.listen();
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

    private void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Clerk dev instance", e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "clerk-dev-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = URI.create("http://" + hostForUrl(config.host()) + ":" + server.getAddress().getPort());
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
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
        return mint(newSession(userId, organizationId, config.authorizedParty()));
    }

    /** Signs arbitrary claims with the current key, for tests of unusual tokens. */
    public String signToken(Map<String, Object> claims) {
        return keys.sign(claims);
    }

    /** How many times either JWKS endpoint was fetched. */
    public int jwksRequestCount() {
        return jwksRequests.get();
    }

    /** How many Backend API requests (other than {@code /v1/jwks}) arrived, failed ones included. */
    public int backendRequestCount() {
        return backendRequests.get();
    }

    /** The next {@code count} Backend API requests fail with this status (and {@code Retry-After}, if given). */
    public void injectFailures(int count, int status, Optional<Duration> retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx");
        }
        synchronized (failureLock) {
            failures = new FailurePlan(count, status, retryAfter);
        }
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

    // ---- sessions and tokens ----

    private DevSession newSession(String userId, Optional<String> organizationId, Optional<String> azp) {
        store.user(userId).orElseThrow(() -> new NoSuchElementException("user"));
        organizationId.ifPresent(org -> store.membership(org, userId)
                .orElseThrow(() -> new IllegalArgumentException("the user is not a member of that organization")));
        DevSession session = new DevSession(DevStore.newId("sess_"), userId, organizationId, azp);
        sessions.put(session.id(), session);
        return session;
    }

    /** A fresh token; a session whose organization membership ended gets a personal token, as in Clerk. */
    private String mint(DevSession session) {
        long iat = config.clock().instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        session.authorizedParty().ifPresent(azp -> claims.put("azp", azp));
        claims.put("exp", iat + config.sessionTokenTtl().toSeconds());
        claims.put("fva", List.of(0, -1));
        claims.put("iat", iat);
        claims.put("iss", issuer());
        claims.put("jti", DevStore.newId("").substring(0, 20));
        claims.put("nbf", iat - 10);
        claims.put("sid", session.id());
        claims.put("sub", session.userId());
        claims.put("v", 2);
        Optional<DevMembership> membership = session.organizationId()
                .flatMap(orgId -> store.membership(orgId, session.userId()));
        Optional<DevOrganization> organization = session.organizationId().flatMap(store::organization);
        if (membership.isPresent() && organization.isPresent()) {
            String orgId = organization.get().id();
            DevMembership m = membership.get();
            DevOrganization org = organization.get();
            claims.put("fea", "o:" + DevMembership.FEATURE);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", orgId);
            o.put("slg", org.slug());
            o.put("rol", m.role().substring("org:".length()));
            o.put("per", String.join(",", DevMembership.CUSTOM_PERMISSIONS));
            o.put("fpm", Integer.toString(m.featurePermissionMask()));
            claims.put("o", o);
        }
        return keys.sign(claims);
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) {
        String traceId = DevJson.newTraceId();
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
            if (path.equals("/.well-known/jwks.json") && method.equals("GET")) {
                jwksRequests.incrementAndGet();
                send(ex, 200, "application/json", keys.jwks(), traceId);
            } else if (path.startsWith("/v1/")) {
                backend(ex, method, path, query, traceId);
            } else if (path.startsWith("/_sandbox/")) {
                cors(ex);
                if (method.equals("OPTIONS")) {
                    send(ex, 204, null, null, traceId);
                } else {
                    sandbox(ex, method, path, traceId);
                }
            } else if ((path.equals("/") || path.equals("/sign-in")) && method.equals("GET")) {
                send(ex, 200, "text/html; charset=utf-8",
                        SignInPage.render(store, safeRedirect(query.get("redirect_url"))), traceId);
            } else {
                error(ex, 404, "resource_not_found", "not found", traceId);
            }
        } catch (NoSuchElementException e) {
            error(ex, 404, "resource_not_found", "not found", traceId);
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            error(ex, 422, "form_param_value_invalid", e.getMessage(), traceId);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Clerk dev instance failed a request (trace {})", traceId, e);
            error(ex, 500, "internal_clerk_error", "internal error", traceId);
        } finally {
            ex.close();
        }
    }

    private void backend(HttpExchange ex, String method, String path, Map<String, String> query, String traceId)
            throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + config.secretKey())) {
            error(ex, 401, "authentication_invalid", "Invalid authentication", traceId);
            return;
        }
        if (path.equals("/v1/jwks") && method.equals("GET")) {
            jwksRequests.incrementAndGet();
            send(ex, 200, "application/json", keys.jwks(), traceId);
            return;
        }
        backendRequests.incrementAndGet();
        if (injectedFailure(ex, traceId)) {
            return;
        }
        String[] s = path.substring(1).split("/");
        if (s.length == 2 && s[1].equals("users") && method.equals("GET")) {
            Page page = Page.of(query);
            ArrayNode array = DevJson.MAPPER.createArrayNode();
            page.slice(store.users(page.newestFirst())).forEach(u -> array.add(DevJson.user(u)));
            json(ex, 200, array, traceId);
        } else if (s.length == 3 && s[1].equals("users") && method.equals("GET")) {
            json(ex, 200, DevJson.user(store.user(s[2]).orElseThrow()), traceId);
        } else if (s.length == 4 && s[1].equals("users") && s[3].equals("metadata") && method.equals("PATCH")) {
            Map<String, Object> patch = publicMetadataPatch(ex);
            store.user(s[2]).orElseThrow();
            json(ex, 200, DevJson.user(store.mergeUserMetadata(s[2], patch)), traceId);
        } else if (s.length == 2 && s[1].equals("organizations") && method.equals("GET")) {
            Page page = Page.of(query);
            List<DevOrganization> all = store.organizations(page.newestFirst());
            boolean counts = "true".equals(query.get("include_members_count"));
            ObjectNode body = DevJson.MAPPER.createObjectNode();
            ArrayNode data = body.putArray("data");
            page.slice(all).forEach(o -> data.add(DevJson.organization(o, counts ? membersCount(o) : null)));
            body.put("total_count", all.size());
            json(ex, 200, body, traceId);
        } else if (s.length == 3 && s[1].equals("organizations") && method.equals("GET")) {
            DevOrganization org = store.organization(s[2]).orElseThrow();
            boolean counts = "true".equals(query.get("include_members_count"));
            json(ex, 200, DevJson.organization(org, counts ? membersCount(org) : null), traceId);
        } else if (s.length == 4 && s[1].equals("organizations") && s[3].equals("memberships")
                && method.equals("GET")) {
            DevOrganization org = store.organization(s[2]).orElseThrow();
            Page page = Page.of(query);
            List<DevMembership> all = store.memberships(org.id());
            ObjectNode body = DevJson.MAPPER.createObjectNode();
            ArrayNode data = body.putArray("data");
            page.slice(all).forEach(m -> data.add(DevJson.membership(m, org, store.user(m.userId()).orElse(null))));
            body.put("total_count", all.size());
            json(ex, 200, body, traceId);
        } else if (s.length == 4 && s[1].equals("organizations") && s[3].equals("metadata")
                && method.equals("PATCH")) {
            Map<String, Object> patch = publicMetadataPatch(ex);
            DevOrganization org = store.organization(s[2]).orElseThrow();
            json(ex, 200, DevJson.organization(store.mergeOrganizationMetadata(org.id(), patch), null), traceId);
        } else {
            error(ex, 404, "resource_not_found", "not found", traceId);
        }
    }

    private int membersCount(DevOrganization org) {
        return store.memberships(org.id()).size();
    }

    private boolean injectedFailure(HttpExchange ex, String traceId) throws IOException {
        FailurePlan plan;
        synchronized (failureLock) {
            plan = failures;
            if (plan.remaining() <= 0) {
                return false;
            }
            failures = new FailurePlan(plan.remaining() - 1, plan.status(), plan.retryAfter());
        }
        plan.retryAfter().ifPresent(d -> ex.getResponseHeaders().set("Retry-After", Long.toString(d.toSeconds())));
        String code = plan.status() == 429 ? "too_many_requests" : "internal_clerk_error";
        error(ex, plan.status(), code, plan.status() == 429 ? "Too many requests" : "injected failure", traceId);
        return true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> publicMetadataPatch(HttpExchange ex) throws IOException {
        JsonNode body = readJson(ex);
        JsonNode metadata = body.get("public_metadata");
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw new IllegalArgumentException("public_metadata must be an object");
        }
        return DevJson.MAPPER.convertValue(metadata, LinkedHashMap.class);
    }

    private void sandbox(HttpExchange ex, String method, String path, String traceId) throws IOException {
        String[] s = path.substring(1).split("/");
        String route = s.length > 1 ? s[1] : "";
        switch (route) {
            case "sign-in" -> signIn(ex, traceId);
            case "refresh" -> refresh(ex, traceId);
            case "sign-out" -> signOut(ex, traceId);
            case "rotate-key" -> {
                ObjectNode body = DevJson.MAPPER.createObjectNode();
                body.put("kid", rotateKey());
                json(ex, 200, body, traceId);
            }
            case "failures" -> {
                JsonNode body = readJson(ex);
                JsonNode retryAfter = body.get("retry_after_seconds");
                injectFailures(body.path("count").asInt(1), body.path("status").asInt(500),
                        retryAfter == null || retryAfter.isNull() ? Optional.empty()
                                : Optional.of(Duration.ofSeconds(retryAfter.asLong())));
                send(ex, 204, null, null, traceId);
            }
            case "users" -> sandboxUsers(ex, method, s, traceId);
            case "organizations" -> sandboxOrganizations(ex, method, s, traceId);
            default -> error(ex, 404, "resource_not_found", "not found", traceId);
        }
    }

    private void sandboxUsers(HttpExchange ex, String method, String[] s, String traceId) throws IOException {
        if (s.length == 2 && method.equals("POST")) {
            JsonNode b = readJson(ex);
            DevUser user = store.createUser(text(b, "id"), text(b, "first_name"), text(b, "last_name"),
                    text(b, "email_address"));
            json(ex, 201, DevJson.user(user), traceId);
        } else if (s.length == 3 && method.equals("PATCH")) {
            JsonNode b = readJson(ex);
            DevUser user = store.user(s[2]).orElseThrow();
            DevUser changed = user.withName(b.has("first_name") ? text(b, "first_name") : user.firstName(),
                    b.has("last_name") ? text(b, "last_name") : user.lastName());
            if (b.has("email_address")) {
                changed = changed.withEmail(text(b, "email_address"));
            }
            json(ex, 200, DevJson.user(store.updateUser(changed)), traceId);
        } else if (s.length == 3 && method.equals("DELETE")) {
            store.deleteUser(s[2]);
            send(ex, 204, null, null, traceId);
        } else {
            error(ex, 404, "resource_not_found", "not found", traceId);
        }
    }

    private void sandboxOrganizations(HttpExchange ex, String method, String[] s, String traceId)
            throws IOException {
        if (s.length == 2 && method.equals("POST")) {
            JsonNode b = readJson(ex);
            String name = text(b, "name");
            if (name == null) {
                throw new IllegalArgumentException("name is required");
            }
            DevOrganization org = store.createOrganization(text(b, "id"), name, text(b, "slug"),
                    text(b, "created_by"));
            json(ex, 201, DevJson.organization(org, null), traceId);
        } else if (s.length == 3 && method.equals("PATCH")) {
            JsonNode b = readJson(ex);
            DevOrganization org = store.organization(s[2]).orElseThrow();
            DevOrganization changed = org.withName(b.has("name") ? text(b, "name") : org.name(),
                    b.has("slug") ? text(b, "slug") : org.slug());
            json(ex, 200, DevJson.organization(store.updateOrganization(changed), null), traceId);
        } else if (s.length == 3 && method.equals("DELETE")) {
            store.deleteOrganization(s[2]);
            send(ex, 204, null, null, traceId);
        } else if (s.length == 4 && s[3].equals("memberships") && method.equals("POST")) {
            JsonNode b = readJson(ex);
            String role = Optional.ofNullable(text(b, "role")).orElse(DevMembership.MEMBER);
            DevMembership m = store.addMembership(s[2], text(b, "user_id"), role);
            json(ex, 201, DevJson.membership(m, store.organization(s[2]).orElseThrow(),
                    store.user(m.userId()).orElse(null)), traceId);
        } else if (s.length == 5 && s[3].equals("memberships") && method.equals("PATCH")) {
            JsonNode b = readJson(ex);
            DevMembership m = store.updateMembership(s[2], s[4], text(b, "role"));
            json(ex, 200, DevJson.membership(m, store.organization(s[2]).orElseThrow(),
                    store.user(m.userId()).orElse(null)), traceId);
        } else if (s.length == 5 && s[3].equals("memberships") && method.equals("DELETE")) {
            store.removeMembership(s[2], s[4]);
            send(ex, 204, null, null, traceId);
        } else {
            error(ex, 404, "resource_not_found", "not found", traceId);
        }
    }

    private void signIn(HttpExchange ex, String traceId) throws IOException {
        JsonNode b = readJson(ex);
        String userId = text(b, "user_id");
        if (userId == null) {
            throw new IllegalArgumentException("user_id is required");
        }
        Optional<String> org = Optional.ofNullable(text(b, "organization_id")).filter(o -> !o.isBlank());
        DevSession session = newSession(userId, org, authorizedParty(ex));
        sessionResponse(ex, session, traceId);
    }

    private void refresh(HttpExchange ex, String traceId) throws IOException {
        JsonNode b = readJson(ex);
        Optional<DevSession> session = Optional.ofNullable(text(b, "session_id")).or(() -> cookieSessionId(ex))
                .map(sessions::get);
        if (session.isEmpty() || store.user(session.get().userId()).isEmpty()) {
            error(ex, 401, "session_not_found", "no active session", traceId);
            return;
        }
        DevSession current = session.get();
        if (b.has("organization_id")) {
            Optional<String> org = Optional.ofNullable(text(b, "organization_id")).filter(o -> !o.isBlank());
            String userId = current.userId();
            org.ifPresent(o -> store.membership(o, userId)
                    .orElseThrow(() -> new IllegalArgumentException("the user is not a member of that organization")));
            current = new DevSession(current.id(), userId, org, current.authorizedParty());
            sessions.put(current.id(), current);
        }
        sessionResponse(ex, current, traceId);
    }

    private void signOut(HttpExchange ex, String traceId) throws IOException {
        cookieSessionId(ex).ifPresent(sessions::remove);
        ex.getResponseHeaders().add("Set-Cookie", "__session=; Path=/; Max-Age=0; SameSite=Lax");
        json(ex, 200, DevJson.MAPPER.createObjectNode().put("object", "session").put("status", "ended"), traceId);
    }

    private void sessionResponse(HttpExchange ex, DevSession session, String traceId) throws IOException {
        String token = mint(session);
        ex.getResponseHeaders().add("Set-Cookie", "__session=" + token + "; Path=/; SameSite=Lax");
        ObjectNode body = DevJson.MAPPER.createObjectNode();
        body.put("object", "token");
        body.put("jwt", token);
        body.put("session_id", session.id());
        body.put("user_id", session.userId());
        body.put("organization_id", session.organizationId().orElse(null));
        body.put("expires_at", config.clock().instant().plus(config.sessionTokenTtl()).getEpochSecond());
        json(ex, 200, body, traceId);
    }

    private Optional<String> cookieSessionId(HttpExchange ex) {
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String part : cookies.split(";")) {
            String c = part.trim();
            if (c.startsWith("__session=")) {
                try {
                    Object sid = SignedJWT.parse(c.substring("__session=".length())).getJWTClaimsSet().getClaim("sid");
                    return sid instanceof String s ? Optional.of(s) : Optional.empty();
                } catch (ParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A browser request from another origin gets that origin as {@code azp}; otherwise the configured one. */
    private Optional<String> authorizedParty(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("null") && !origin.equals(baseUrl.toString())) {
            return Optional.of(origin);
        }
        return config.authorizedParty();
    }

    private static String safeRedirect(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return local && web ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void cors(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
            ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
            ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            ex.getResponseHeaders().set("Vary", "Origin");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode readJson(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            return DevJson.MAPPER.createObjectNode();
        }
        String contentType = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return DevJson.MAPPER.valueToTree(parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        JsonNode node = DevJson.MAPPER.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return node;
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return result;
    }

    private static void json(HttpExchange ex, int status, JsonNode body, String traceId) throws IOException {
        send(ex, status, "application/json", DevJson.MAPPER.writeValueAsString(body), traceId);
    }

    private static void error(HttpExchange ex, int status, String code, String message, String traceId) {
        try {
            json(ex, status, DevJson.error(code, message, traceId), traceId);
        } catch (IOException e) {
            LOG.debug("Could not send an error response (trace {})", traceId);
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, String traceId)
            throws IOException {
        ex.getResponseHeaders().set("X-Clerk-Trace-Id", traceId);
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Clerk's offset pagination: {@code limit} 1-500 (default 10), {@code offset} from 0, {@code order_by}. */
    private record Page(int limit, int offset, boolean newestFirst) {
        static Page of(Map<String, String> query) {
            int limit = parseInt(query.getOrDefault("limit", "10"), "limit");
            int offset = parseInt(query.getOrDefault("offset", "0"), "offset");
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
            String order = query.getOrDefault("order_by", "-created_at").trim();
            return new Page(limit, offset, !order.equals("created_at") && !order.equals("+created_at"));
        }

        <T> List<T> slice(List<T> all) {
            if (offset >= all.size()) {
                return List.of();
            }
            return all.subList(offset, Math.min(all.size(), offset + limit));
        }

        private static int parseInt(String value, String name) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
        }
    }
}
