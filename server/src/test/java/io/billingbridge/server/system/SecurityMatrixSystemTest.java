package io.billingbridge.server.system;

import static io.billingbridge.server.system.PolicyOracle.billingOracle;
import static io.billingbridge.server.system.PolicyOracle.limitRule;
import static io.billingbridge.server.system.PolicyOracle.ownerRule;
import static io.billingbridge.server.system.PolicyOracle.pathSegmentRule;
import static io.billingbridge.server.system.PolicyOracle.urlProblem;
import static io.billingbridge.server.system.SystemFixtures.sessionClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerListParams;
import com.stripe.param.checkout.SessionListParams;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.PolicyOracle.Ask;
import io.billingbridge.server.system.PolicyOracle.Expected;
import io.billingbridge.server.system.PolicyOracle.Identity;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated security suite: every operation of {@code docs/openapi.json} crossed with every caller relation,
 * token state, token placement and parameter placement, the token and webhook attack lists, and bad input in every
 * field, each request's expected answer computed by an oracle from the access policy rather than listed.
 *
 * <p>The world: Carol (no organization) bought a plan for herself; Alice (admin) bought the team plan for Acme,
 * where Bob is a member; Dave is admin of Globex. Every refusal must be in the error shape with a Request-Id and
 * carry no billing id; a refused request creates no Stripe object and no allowed audit row, and every policy
 * denial is audited.
 */
class SecurityMatrixSystemTest {
    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");
    private static final String CAROL = ClerkDevInstance.CAROL;
    private static final String ALICE = ClerkDevInstance.ALICE;
    private static final String BOB = ClerkDevInstance.BOB;
    private static final String DAVE = ClerkDevInstance.DAVE;
    private static final String ACME = ClerkDevInstance.ACME;
    private static final String GLOBEX = ClerkDevInstance.GLOBEX;
    private static final String PRICE = "credits_100";
    /** The quantity bounds of {@link #PRICE} in the sandbox ({@code billing_bridge_quantity: 1..10}). */
    private static final long MIN_QUANTITY = 1;
    private static final long MAX_QUANTITY = 10;
    private static final String SUCCESS_URL = SystemUnderTest.ORIGIN + "/done?session={CHECKOUT_SESSION_ID}";
    private static final String CANCEL_URL = SystemUnderTest.ORIGIN + "/pricing";
    private static final String RETURN_URL = SystemUnderTest.ORIGIN + "/account";
    /** Actions whose denials the {@code Guard} audits (the billing API's; admin denials are counted per token). */
    private static final String BILLING_ACTIONS = "('customer.read', 'billing_details.read', 'checkout.create',"
            + " 'portal.create', 'subscription.change', 'subscription.cancel')";
    /** The owners with a billing account in the world the matrix runs against. */
    private static final Set<String> WITH_ACCOUNT = Set.of("user:" + CAROL, "organization:" + ACME);
    private static final Pattern BILLING_ID = Pattern.compile("\\b(cus|sub|pm|in|pi|ch|cs)_[A-Za-z0-9]+");

    private static SystemUnderTest system;
    private static StripeClient stripe;
    private static JdbiAdminTokens adminTokens;
    private static World world;

    /** What the run found: counts for the summary line, and every case whose answer differed from the oracle's. */
    private final Tally tally = new Tally();

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1, billing -> billing.setSessionBurst(100_000));
        stripe = SystemFixtures.stripe(system);
        adminTokens = new JdbiAdminTokens(Databases.jdbi(system.database()), Clock.systemUTC());
        world = World.build();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    // The world.

    /** The owners, their billing ids, and the admin tokens the matrix runs against. */
    private record World(Map<String, Set<String>> dataOf, Set<String> acmeDetails, String carolCustomer,
            String acmeCustomer, String carolSession, String acmeSession, String acmeSubscription,
            String readToken, String readName, String writeToken, String writeName, String revokedToken,
            String carolSubscription, AppKeys appKeys) {

        static World build() {
            String carolSession = SystemFixtures.buyAndSync(system, CAROL, Optional.empty(), "user", "pro_monthly");
            String acmeSession = SystemFixtures.buyAndSync(system, ALICE, Optional.of(ACME), "organization", "team_monthly");
            JsonNode carol = system.call("GET", "/v1/billing/customer?owner=user")
                    .bearer(system.token(CAROL, Optional.empty())).send().json();
            JsonNode acme = system.call("GET", "/v1/billing/customer?owner=organization")
                    .bearer(system.token(ALICE, Optional.of(ACME))).send().json();
            Set<String> acmeDetails = new HashSet<>(acme.get("invoices").findValuesAsText("id"));
            acmeDetails.addAll(acme.get("paymentMethods").findValuesAsText("id"));
            Map<String, Set<String>> dataOf = Map.of("user:" + CAROL, SystemFixtures.ownIds(carol), "organization:" + ACME, SystemFixtures.ownIds(acme));
            assertThat(dataOf.get("user:" + CAROL)).as("Carol's billing ids").anyMatch(id -> id.startsWith("sub_"))
                    .anyMatch(id -> id.startsWith("pm_")).anyMatch(id -> id.startsWith("in_"));
            assertThat(acmeDetails).as("Acme's invoices and payment methods").anyMatch(id -> id.startsWith("pm_"));
            String readName = "matrix-read";
            String writeName = "matrix-write";
            String read = adminTokens.create(readName, Set.of(AdminScope.READ));
            String write = adminTokens.create(writeName, SystemFixtures.READ_WRITE);
            String revoked = adminTokens.create("matrix-revoked", SystemFixtures.READ_WRITE);
            adminTokens.revoke("matrix-revoked");
            JdbiAppKeys keys = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC());
            String revokedKey = keys.create("matrix-revoked", Set.of(AppKeyScope.USAGE_WRITE));
            keys.revoke("matrix-revoked");
            AppKeys appKeys = new AppKeys(keys.create("matrix-usage", Set.of(AppKeyScope.USAGE_WRITE)),
                    keys.create("matrix-billing-read", Set.of(AppKeyScope.BILLING_READ)), revokedKey);
            return new World(dataOf, acmeDetails, carol.get("customer").asText(), acme.get("customer").asText(),
                    carolSession, acmeSession, acme.get("subscriptions").get(0).get("id").asText(), read, readName,
                    write, writeName, revoked, carol.get("subscriptions").get(0).get("id").asText(), appKeys);
        }

        /** The application keys: one per scope, and a revoked one. */
        record AppKeys(String usageWrite, String billingRead, String revoked) {
        }

        /** Every billing id of every owner but this one (all of them when the owner is empty). */
        Set<String> idsNotOf(Optional<String> ownerKey) {
            Set<String> ids = new HashSet<>();
            dataOf.forEach((owner, data) -> {
                if (ownerKey.filter(owner::equals).isEmpty()) {
                    ids.addAll(data);
                }
            });
            return ids;
        }
    }

    // Callers and tokens.

    private static final Identity SELF = new Identity("self user without organization (Carol)", CAROL,
            Optional.empty(), "");
    private static final Identity ORG_ADMIN = new Identity("admin of the active org (Alice of Acme)", ALICE,
            Optional.of(ACME), "admin");
    private static final Identity ORG_MEMBER = new Identity("member of the active org (Bob of Acme)", BOB,
            Optional.of(ACME), "member");
    private static final Identity OTHER_ORG = new Identity("user of another org (Dave of Globex)", DAVE,
            Optional.of(GLOBEX), "admin");
    private static final Identity NO_ACTIVE_ORG = new Identity("member with no active org (Bob)", BOB,
            Optional.empty(), "");
    private static final List<Identity> RELATIONS = List.of(SELF, ORG_ADMIN, ORG_MEMBER, OTHER_ORG, NO_ACTIVE_ORG);

    /**
     * How long the tokens live: every case's token is minted when its cases are generated, before the first is
     * sent, so a token must outlast the whole run on a slow machine (the verifier sets no maximum lifetime).
     */
    private static final long LIFETIME_SECONDS = 900;

    /** The state of the token a caller sends; only {@link #VALID} is accepted. */
    private enum TokenState {
        VALID, MISSING, EXPIRED, NOT_YET_VALID, WRONG_SIGNATURE, ALG_NONE, TAMPERED, OTHER_ORIGIN, WRONG_ISSUER,
        MALFORMED, ADMIN_TOKEN, APP_KEY;

        /** A fresh token in this state for the identity; empty for {@link #MISSING}. */
        Optional<String> mint(Identity who) {
            Map<String, Object> claims = new HashMap<>(sessionClaims(system, who.userId(), who.organization(),
                    who.role(), LIFETIME_SECONDS));
            long now = Instant.now().getEpochSecond();
            return Optional.ofNullable(switch (this) {
                case VALID -> sign(claims);
                case MISSING -> null;
                case EXPIRED -> sign(sessionClaims(system, who.userId(), who.organization(), who.role(), -120));
                case NOT_YET_VALID -> {
                    claims.put("nbf", now + 600);
                    yield sign(claims);
                }
                case WRONG_SIGNATURE -> signedWithAnotherKey(claims);
                case ALG_NONE -> SystemFixtures.unsigned(claims);
                case TAMPERED -> SystemFixtures.tampered(system.token(BOB, Optional.of(ACME)),
                        sessionClaims(system, who.userId(), who.organization().or(() -> Optional.of(ACME)), "admin",
                                LIFETIME_SECONDS));
                case OTHER_ORIGIN -> {
                    claims.put("azp", "https://another-app.example.com");
                    yield sign(claims);
                }
                case WRONG_ISSUER -> {
                    claims.put("iss", "https://clerk.attacker.example");
                    yield sign(claims);
                }
                case MALFORMED -> "eyJhbGciOiJSUzI1NiJ9.not*base64.x";
                case ADMIN_TOKEN -> world.writeToken();
                case APP_KEY -> world.appKeys().usageWrite();
            });
        }

        private static String sign(Map<String, Object> claims) {
            return system.sandbox().clerk().signToken(claims);
        }
    }

    /** The key of {@link TokenState#WRONG_SIGNATURE}: made once, since making an RSA key takes a while. */
    private static KeyPair foreignKey;

    /** A well-formed RS256 token with the dev instance's key id, signed by a key the server does not trust. */
    private static synchronized String signedWithAnotherKey(Map<String, Object> claims) {
        try {
            if (foreignKey == null) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                foreignKey = generator.generateKeyPair();
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(system.sandbox().clerk().currentKeyId()).build(), JWTClaimsSet.parse(claims));
            jwt.sign(new RSASSASigner((RSAPrivateKey) foreignKey.getPrivate()));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the token travels; only the Authorization header and the {@code __session} cookie count. */
    private enum Placement {
        HEADER, COOKIE, QUERY_STRING, HEADER_WITHOUT_BEARER, FOREIGN_HEADER_BEFORE_VALID_COOKIE;

        boolean authenticates() {
            return this == HEADER || this == COOKIE;
        }
    }

    // Requests, answers.

    /** A request as it goes on the wire. */
    private record Request(String method, String target, Map<String, String> headers, Optional<String> body) {
        Request withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.merge(name, value, (a, b) -> a + "; " + b);
            return new Request(method, target, all, body);
        }

        Request withQuery(String name, String value) {
            return new Request(method, target + (target.contains("?") ? "&" : "?") + name + "=" + query(value),
                    headers, body);
        }

        static Request of(String method, String target, Optional<String> json) {
            Map<String, String> headers = new LinkedHashMap<>();
            json.ifPresent(j -> headers.put("Content-Type", "application/json"));
            return new Request(method, target, headers, json);
        }

        Reply send() {
            SystemUnderTest.Call call = system.call(method, target);
            headers.forEach((name, value) -> {
                if (!name.equals("Content-Type") || body.isEmpty()) {
                    call.header(name, value);
                }
            });
            body.ifPresent(b -> call.bytes(b.getBytes(StandardCharsets.UTF_8),
                    headers.getOrDefault("Content-Type", "application/json")));
            return call.send();
        }
    }

    /** One generated case. */
    private record Case(String section, String operation, String label, Request request, Expected expected) {
    }

    /** Counts, and the cases whose answer differed from the oracle. */
    private static final class Tally {
        final Map<String, Integer> perSection = new LinkedHashMap<>();
        final Set<String> operationsCovered = new TreeSet<>();
        final List<String> failures = new ArrayList<>();
        int requests;
        int refusals;
        int allowedWherePolicySaysNo;
        int successes;

        void fail(Case c, String what) {
            failures.add("[" + c.section() + "] " + c.operation() + " - " + c.label() + ": " + what);
        }
    }

    // The operations.

    /** A billing request with what it asks for. */
    private record BillingRequest(String operation, String label, Request request, Ask ask) {
    }

    private static final String PRICES = "GET /v1/billing/prices";
    private static final String CUSTOMER = "GET /v1/billing/customer";
    private static final String USAGE = "GET /v1/billing/usage";
    private static final String CHECKOUT = "POST /v1/billing/checkout-sessions";
    private static final String SYNC = "POST /v1/billing/checkout-sessions/{id}/sync";
    private static final String PORTAL = "POST /v1/billing/portal-sessions";
    private static final String CHANGE_PREVIEW = "POST /v1/billing/subscriptions/{id}/change-preview";
    private static final String CHANGE = "POST /v1/billing/subscriptions/{id}/change";
    private static final String WITHDRAW = "DELETE /v1/billing/subscriptions/{id}/scheduled-change";
    private static final String CANCEL = "POST /v1/billing/subscriptions/{id}/cancel";
    private static final String RESUME = "POST /v1/billing/subscriptions/{id}/resume";
    private static final String STRIPE_WEBHOOK = "POST /v1/webhooks/stripe";
    private static final String CLERK_WEBHOOK = "POST /v1/webhooks/clerk";

    /** Every billing operation's parameter variants: owner in body, query or path, smuggled ids, duplicates. */
    private static List<BillingRequest> billingVariants() {
        List<BillingRequest> all = new ArrayList<>();
        for (String owner : List.of("user", "organization", "team")) {
            all.add(new BillingRequest(PRICES, "owner=" + owner, get("/v1/billing/prices?owner=" + owner),
                    new Ask.Prices(owner)));
        }
        all.add(new BillingRequest(PRICES, "duplicate owner, organization first",
                get("/v1/billing/prices?owner=organization&owner=user"), new Ask.Prices("organization")));

        String customer = "/v1/billing/customer";
        all.add(read("owner=user", customer + "?owner=user", "user", Optional.empty()));
        all.add(read("owner=organization", customer + "?owner=organization", "organization", Optional.empty()));
        all.add(read("owner=organization naming Acme", customer + "?owner=organization&organizationId=" + ACME,
                "organization", Optional.of(ACME)));
        all.add(read("owner=organization naming Globex", customer + "?owner=organization&organizationId=" + GLOBEX,
                "organization", Optional.of(GLOBEX)));
        all.add(read("owner=user naming Acme", customer + "?owner=user&organizationId=" + ACME, "user",
                Optional.of(ACME)));
        all.add(read("another owner's customer, subscription and session smuggled into the query",
                customer + "?owner=user&customer=" + world.acmeCustomer() + "&customerId=" + world.acmeCustomer()
                        + "&subscription=" + world.acmeSubscription() + "&session=" + world.acmeSession(),
                "user", Optional.empty()));
        all.add(read("duplicate owner, user first", customer + "?owner=user&owner=organization", "user",
                Optional.empty()));
        all.add(read("duplicate owner, organization first", customer + "?owner=organization&owner=user",
                "organization", Optional.empty()));
        all.add(read("duplicate organizationId, Globex first", customer + "?owner=organization&organizationId="
                + GLOBEX + "&organizationId=" + ACME, "organization", Optional.of(GLOBEX)));
        all.add(read("owner given in another case", customer + "?owner=ORGANIZATION", "ORGANIZATION",
                Optional.empty()));
        all.add(new BillingRequest(CUSTOMER, "owner in the path", get(customer + "/organization"),
                Ask.NoRoute.unknown()));

        // The usage read is a plan read: the same owner selection and grant, nothing of another owner in the answer.
        String usage = "/v1/billing/usage";
        all.add(read(USAGE, "owner=user", usage + "?owner=user", "user", Optional.empty()));
        all.add(read(USAGE, "owner=organization", usage + "?owner=organization", "organization", Optional.empty()));
        all.add(read(USAGE, "owner=organization naming Acme, one meter", usage + "?owner=organization&organizationId="
                + ACME + "&meter=mtr_doesnotexist", "organization", Optional.of(ACME)));
        all.add(read(USAGE, "owner=organization naming Globex", usage + "?owner=organization&organizationId="
                + GLOBEX, "organization", Optional.of(GLOBEX)));
        all.add(read(USAGE, "owner=user naming Acme", usage + "?owner=user&organizationId=" + ACME, "user",
                Optional.of(ACME)));
        all.add(read(USAGE, "another owner's customer smuggled into the query", usage + "?owner=user&customer="
                + world.acmeCustomer(), "user", Optional.empty()));
        all.add(read(USAGE, "duplicate owner, organization first", usage + "?owner=organization&owner=user",
                "organization", Optional.empty()));
        all.add(read(USAGE, "no owner", usage, null, Optional.empty()));

        for (boolean checkout : List.of(true, false)) {
            String op = checkout ? CHECKOUT : PORTAL;
            String path = checkout ? "/v1/billing/checkout-sessions" : "/v1/billing/portal-sessions";
            all.add(start(checkout, "owner user", path, Map.of("owner", "\"user\""), "user", Optional.empty()));
            all.add(start(checkout, "owner organization", path, Map.of("owner", "\"organization\""), "organization",
                    Optional.empty()));
            all.add(start(checkout, "owner organization naming Acme", path, Map.of("owner", "\"organization\"",
                    "organizationId", "\"" + ACME + "\""), "organization", Optional.of(ACME)));
            all.add(start(checkout, "owner organization naming Globex", path, Map.of("owner", "\"organization\"",
                    "organizationId", "\"" + GLOBEX + "\""), "organization", Optional.of(GLOBEX)));
            all.add(start(checkout, "owner user naming Acme", path, Map.of("owner", "\"user\"", "organizationId",
                    "\"" + ACME + "\""), "user", Optional.of(ACME)));
            all.add(start(checkout, "owner in the query instead of the body", path + "?owner=organization&organizationId="
                    + ACME, Map.of(), null, Optional.empty()));
            all.add(start(checkout, "another owner's customer, subscription and session smuggled into the body", path,
                    Map.of("owner", "\"user\"", "customer", "\"" + world.acmeCustomer() + "\"", "customerId",
                            "\"" + world.acmeCustomer() + "\"", "subscription", "\"" + world.acmeSubscription() + "\"",
                            "sessionId", "\"" + world.acmeSession() + "\""), "user", Optional.empty()));
            all.add(start(checkout, "another owner's customer smuggled into the query",
                    path + "?customer=" + world.acmeCustomer(), Map.of("owner", "\"user\""), "user", Optional.empty()));
            all.add(start(checkout, "unknown fields claiming a role", path, Map.of("owner", "\"user\"", "role",
                    "\"org:admin\"", "admin", "true", "userId", "\"" + ALICE + "\""), "user", Optional.empty()));
            String base = checkout ? "\"price\":\"" + PRICE + "\",\"successUrl\":\"" + SUCCESS_URL
                    + "\",\"cancelUrl\":\"" + CANCEL_URL + "\"" : "\"returnUrl\":\"" + RETURN_URL + "\"";
            all.add(new BillingRequest(op, "duplicate owner keys, user last", post(path,
                    "{\"owner\":\"organization\"," + base + ",\"owner\":\"user\"}"),
                    new Ask.Start(checkout, "user", Optional.empty(), false, Optional.empty())));
            all.add(new BillingRequest(op, "duplicate owner keys, organization last", post(path,
                    "{\"owner\":\"user\"," + base + ",\"owner\":\"organization\"}"),
                    new Ask.Start(checkout, "organization", Optional.empty(), false, Optional.empty())));
            all.add(new BillingRequest(op, "owner in the path", post(path + "/organization", "{" + base + "}"),
                    Ask.NoRoute.unknown()));
        }

        String acmeSubscription = world.acmeSubscription();
        Optional<String> acme = Optional.of("organization:" + ACME);
        for (String owner : List.of("user", "organization")) {
            for (Optional<String> organization : List.of(Optional.<String>empty(), Optional.of(GLOBEX))) {
                String named = organization.map(o -> ",\"organizationId\":\"" + o + "\"").orElse("");
                String label = "owner " + owner + organization.map(o -> " naming " + o).orElse("");
                all.add(new BillingRequest(RESUME, "Acme's subscription, " + label, post("/v1/billing/subscriptions/"
                        + acmeSubscription + "/resume", "{\"owner\":\"" + owner + "\"" + named + "}"),
                        new Ask.Lifecycle(owner, organization, acme, 409, "nothing_to_resume")));
                all.add(new BillingRequest(CANCEL, "Acme's subscription at a bad time, " + label,
                        post("/v1/billing/subscriptions/" + acmeSubscription + "/cancel", "{\"owner\":\"" + owner
                                + "\"" + named + ",\"at\":\"later\"}"),
                        new Ask.Lifecycle(owner, organization, acme, 400, "invalid_at")));
            }
        }
        all.add(new BillingRequest(CANCEL, "a subscription that does not exist", post(
                "/v1/billing/subscriptions/sub_doesnotexist/cancel", "{\"owner\":\"organization\",\"at\":\"now\"}"),
                new Ask.Lifecycle("organization", Optional.empty(), Optional.empty(), 200, null)));
        all.add(new BillingRequest(RESUME, "Acme's customer id in place of a subscription", post(
                "/v1/billing/subscriptions/" + world.acmeCustomer() + "/resume", "{\"owner\":\"organization\"}"),
                new Ask.Lifecycle("organization", Optional.empty(), Optional.empty(), 200, null)));

        String sync = "/v1/billing/checkout-sessions/%s/sync";
        all.add(new BillingRequest(SYNC, "Carol's session", post(sync.formatted(world.carolSession()), null),
                new Ask.Sync(Optional.of("user:" + CAROL))));
        all.add(new BillingRequest(SYNC, "Acme's session", post(sync.formatted(world.acmeSession()), null),
                new Ask.Sync(Optional.of("organization:" + ACME))));
        all.add(new BillingRequest(SYNC, "a session that does not exist",
                post(sync.formatted("cs_test_doesnotexist"), null), new Ask.Sync(Optional.empty())));
        all.add(new BillingRequest(SYNC, "Acme's customer id in place of a session",
                post(sync.formatted(world.acmeCustomer()), null), new Ask.Sync(Optional.empty())));
        all.add(new BillingRequest(SYNC, "Acme's subscription id in place of a session",
                post(sync.formatted(world.acmeSubscription()), null), new Ask.Sync(Optional.empty())));
        all.addAll(lifecycleVariants());
        return all;
    }

    /**
     * The plan change operations on Carol's and Acme's subscriptions, a made-up one and a customer id, each with the
     * owner in the body (or query) as the request names it; none changes anything once past the access checks.
     */
    private static List<BillingRequest> lifecycleVariants() {
        List<BillingRequest> all = new ArrayList<>();
        Optional<String> carols = Optional.of("user:" + CAROL);
        Optional<String> acmes = Optional.of("organization:" + ACME);
        for (String op : List.of(CHANGE_PREVIEW, CHANGE)) {
            String path = "/v1/billing/subscriptions/%s/" + (op.equals(CHANGE) ? "change" : "change-preview");
            all.add(new BillingRequest(op, "Carol's subscription as user", post(path.formatted(world.carolSubscription()),
                    "{\"owner\":\"user\",\"price\":\"pro_monthly\"}"),
                    new Ask.Lifecycle("user", Optional.empty(), carols, 400, "price_unchanged")));
            all.add(new BillingRequest(op, "Acme's subscription as organization", post(path.formatted(
                    world.acmeSubscription()), "{\"owner\":\"organization\",\"price\":\"team_monthly\"}"),
                    new Ask.Lifecycle("organization", Optional.empty(), acmes, 400, "price_unchanged")));
            all.add(new BillingRequest(op, "Acme's subscription as organization naming Globex", post(path.formatted(
                    world.acmeSubscription()), "{\"owner\":\"organization\",\"organizationId\":\"" + GLOBEX
                    + "\",\"price\":\"team_monthly\"}"),
                    new Ask.Lifecycle("organization", Optional.of(GLOBEX), acmes, 400, "price_unchanged")));
            all.add(new BillingRequest(op, "Acme's subscription as user", post(path.formatted(
                    world.acmeSubscription()), "{\"owner\":\"user\",\"price\":\"pro_monthly\"}"),
                    new Ask.Lifecycle("user", Optional.empty(), acmes, 400, "price_unchanged")));
            all.add(new BillingRequest(op, "a subscription that does not exist", post(path.formatted(
                    "sub_doesnotexist"), "{\"owner\":\"organization\",\"price\":\"team_monthly\"}"),
                    new Ask.Lifecycle("organization", Optional.empty(), Optional.empty(), 400, "price_unchanged")));
            all.add(new BillingRequest(op, "Acme's customer id in place of a subscription", post(path.formatted(
                    world.acmeCustomer()), "{\"owner\":\"organization\",\"price\":\"team_monthly\"}"),
                    new Ask.Lifecycle("organization", Optional.empty(), Optional.empty(), 400, "price_unchanged")));
        }
        String withdraw = "/v1/billing/subscriptions/%s/scheduled-change?owner=%s";
        all.add(new BillingRequest(WITHDRAW, "Carol's subscription as user", delete(withdraw.formatted(
                world.carolSubscription(), "user")), new Ask.Lifecycle("user", Optional.empty(), carols, 404,
                "no_scheduled_change")));
        all.add(new BillingRequest(WITHDRAW, "Acme's subscription as organization", delete(withdraw.formatted(
                world.acmeSubscription(), "organization")), new Ask.Lifecycle("organization", Optional.empty(), acmes,
                404, "no_scheduled_change")));
        all.add(new BillingRequest(WITHDRAW, "Acme's subscription as user", delete(withdraw.formatted(
                world.acmeSubscription(), "user")), new Ask.Lifecycle("user", Optional.empty(), acmes, 404,
                "no_scheduled_change")));
        all.add(new BillingRequest(WITHDRAW, "a subscription that does not exist", delete(withdraw.formatted(
                "sub_doesnotexist", "organization")), new Ask.Lifecycle("organization", Optional.empty(),
                Optional.empty(), 404, "no_scheduled_change")));
        return all;
    }

    private static BillingRequest read(String label, String target, String owner, Optional<String> organizationId) {
        return read(CUSTOMER, label, target, owner, organizationId);
    }

    private static BillingRequest read(String operation, String label, String target, String owner,
            Optional<String> organizationId) {
        return new BillingRequest(operation, label, get(target), new Ask.Read(owner, organizationId));
    }

    /** A checkout or portal request whose body holds the standard fields plus these (raw JSON values). */
    private static BillingRequest start(boolean checkout, String label, String target, Map<String, String> fields,
            String owner, Optional<String> organizationId) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        if (checkout) {
            body.putIfAbsent("price", "\"" + PRICE + "\"");
            body.putIfAbsent("successUrl", "\"" + SUCCESS_URL + "\"");
            body.putIfAbsent("cancelUrl", "\"" + CANCEL_URL + "\"");
        } else {
            body.putIfAbsent("returnUrl", "\"" + RETURN_URL + "\"");
        }
        return new BillingRequest(checkout ? CHECKOUT : PORTAL, label, post(target, json(body)),
                new Ask.Start(checkout, owner, organizationId, false, Optional.empty()));
    }

    private static String json(Map<String, String> rawFields) {
        StringBuilder json = new StringBuilder("{");
        rawFields.forEach((name, raw) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(raw));
        return json.append('}').toString();
    }

    private static Request get(String target) {
        return Request.of("GET", target, Optional.empty());
    }

    private static Request delete(String target) {
        return Request.of("DELETE", target, Optional.empty());
    }

    private static Request post(String target, String json) {
        return Request.of("POST", target, Optional.ofNullable(json));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // The runner.

    /** Sends the case and checks its answer against the oracle; a difference is recorded, not thrown. */
    private void run(Case c) {
        tally.requests++;
        tally.perSection.merge(c.section(), 1, Integer::sum);
        tally.operationsCovered.add(c.operation());
        Reply reply;
        try {
            reply = c.request().send();
        } catch (RuntimeException | AssertionError e) {
            tally.fail(c, "no usable answer: " + e.getMessage());
            return;
        }
        check(c, reply);
    }

    private void check(Case c, Reply reply) {
        Expected expected = c.expected();
        String body = reply.body();
        if (reply.status() < 400) {
            tally.successes++;
        } else {
            tally.refusals++;
        }
        if (reply.status() < 400 && !expected.success()) {
            tally.allowedWherePolicySaysNo++;
        }
        if (reply.headers().firstValue("Request-Id").isEmpty()) {
            tally.fail(c, "no Request-Id");
        }
        if (reply.status() != expected.status()) {
            tally.fail(c, "status " + reply.status() + ", the policy says " + expected.status() + ": " + abbreviate(body));
            if (reply.status() >= 400) {
                checkErrorShape(c, reply);
            }
            return;
        }
        boolean admin = c.operation().contains(" /admin/");
        Set<String> foreign = admin && expected.success() ? new HashSet<>() : world.idsNotOf(expected.actsFor());
        if (expected.actsFor().equals(Optional.of("organization:" + ACME)) && !expected.details()) {
            foreign.addAll(world.acmeDetails());
        }
        foreign.stream().filter(body::contains).findFirst()
                .ifPresent(id -> tally.fail(c, "the answer carries another owner's id " + id));
        if (reply.status() >= 400) {
            checkErrorShape(c, reply);
            if (BILLING_ID.matcher(body).find()) {
                tally.fail(c, "a refusal carries a billing id: " + abbreviate(body));
            }
            return;
        }
        expected.actsFor().ifPresent(owner -> checkActsFor(c, reply, owner, expected));
    }

    private void checkErrorShape(Case c, Reply reply) {
        JsonNode error;
        try {
            error = reply.json().get("error");
        } catch (AssertionError notJson) {
            tally.fail(c, "a refusal that is not JSON: " + abbreviate(reply.body()));
            return;
        }
        if (error == null || !error.path("type").isTextual() || !error.path("code").isTextual()
                || !error.path("message").isTextual()) {
            tally.fail(c, "a refusal not in the error shape: " + abbreviate(reply.body()));
            return;
        }
        if (c.expected().code() != null && !c.expected().code().equals(error.get("code").asText())) {
            tally.fail(c, "code " + error.get("code").asText() + ", expected " + c.expected().code());
        }
        if (reply.status() == 401 && !error.get("type").asText().equals("authentication_error")) {
            tally.fail(c, "a 401 of type " + error.get("type").asText());
        }
        if (SystemFixtures.INTERNALS.stream().anyMatch(reply.body()::contains)) {
            tally.fail(c, "a refusal shows internals: " + abbreviate(reply.body()));
        }
    }

    /** A success acts for the owner the oracle computed: the reply names it, or the Checkout Session's customer does. */
    private void checkActsFor(Case c, Reply reply, String owner, Expected expected) {
        JsonNode json = reply.json();
        if (json.has("owner")) {
            String named = json.get("owner").get("type").asText() + ":" + json.get("owner").get("id").asText();
            if (!named.equals(owner)) {
                tally.fail(c, "acts for " + named + ", the policy allows only " + owner);
            }
            if (json.has("invoices") != expected.details() || json.has("paymentMethods") != expected.details()) {
                tally.fail(c, "billing details shown: " + json.has("invoices") + ", allowed: " + expected.details());
            }
        }
        if (expected.checkout()) {
            try {
                Session session = stripe.v1().checkout().sessions().retrieve(json.get("id").asText());
                Map<String, String> metadata = stripe.v1().customers().retrieve(session.getCustomer()).getMetadata();
                String named = metadata.get("clerk_owner_type") + ":" + metadata.get("clerk_owner_id");
                if (!named.equals(owner)) {
                    tally.fail(c, "the Checkout Session's customer is " + named + "'s, not " + owner + "'s");
                }
            } catch (StripeException e) {
                tally.fail(c, "the Checkout Session cannot be read back: " + e.getMessage());
            }
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    /**
     * Runs a batch and checks what it leaves behind: first every case the policy refuses, which together must
     * create no Stripe object and no allowed audit row, then the rest, which must create exactly what the policy
     * allows; across both, exactly the policy's denials are audited.
     */
    private void runBatch(String section, List<Case> cases) {
        String where = "[" + section + "] ";
        long denied = deniedBillingAudits();
        List<Case> refused = cases.stream().filter(c -> !c.expected().success()).toList();
        StripeObjects before = StripeObjects.count();
        long allowed = allowedBillingAudits();
        refused.forEach(this::run);
        StripeObjects afterRefusals = StripeObjects.count();
        if (!afterRefusals.equals(before) || allowedBillingAudits() != allowed) {
            tally.failures.add(where + "refused requests left Stripe objects or allowed audit rows: before " + before
                    + ", after " + afterRefusals + ", allowed rows " + (allowedBillingAudits() - allowed));
        }

        Set<String> newOwners = new LinkedHashSet<>();
        long allowedBefore = allowedBillingAudits();
        for (Case c : cases) {
            if (c.expected().success()) {
                run(c);
                if (c.expected().checkout() || c.expected().portal()) {
                    c.expected().actsFor().filter(o -> !before.owners().contains(o)).ifPresent(newOwners::add);
                }
            }
        }
        long checkouts = cases.stream().filter(c -> c.expected().checkout()).count();
        long portals = cases.stream().filter(c -> c.expected().portal()).count();
        StripeObjects after = StripeObjects.count();
        if (after.sessions() - afterRefusals.sessions() != checkouts) {
            tally.failures.add(where + "Checkout Sessions created: " + (after.sessions() - afterRefusals.sessions())
                    + ", allowed: " + checkouts);
        }
        if (after.customers() - afterRefusals.customers() != newOwners.size()) {
            tally.failures.add(where + "Stripe customers created: " + (after.customers() - afterRefusals.customers())
                    + ", for owners allowed a first session: " + newOwners.size());
        }
        if (allowedBillingAudits() - allowedBefore != checkouts + portals) {
            tally.failures.add(where + "allowed audit rows: " + (allowedBillingAudits() - allowedBefore)
                    + ", sessions the policy allows: " + (checkouts + portals));
        }
        long denials = cases.stream().mapToInt(c -> c.expected().denials()).sum();
        if (deniedBillingAudits() - denied != denials) {
            tally.failures.add(where + "denials audited: " + (deniedBillingAudits() - denied) + ", the policy's "
                    + "denials: " + denials);
        }
    }

    /** What the Stripe emulator holds: customers, the owners they belong to, and Checkout Sessions. */
    private record StripeObjects(long customers, Set<String> owners, long sessions) {
        static StripeObjects count() {
            Set<String> owners = new HashSet<>();
            long customers = 0;
            for (Customer customer : stripeCustomers()) {
                customers++;
                owners.add(customer.getMetadata().get("clerk_owner_type") + ":"
                        + customer.getMetadata().get("clerk_owner_id"));
            }
            long sessions = 0;
            for (Iterator<Session> it = checkoutSessions().iterator(); it.hasNext(); it.next()) {
                sessions++;
            }
            return new StripeObjects(customers, owners, sessions);
        }
    }

    private static long deniedBillingAudits() {
        return system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND action IN " + BILLING_ACTIONS);
    }

    private static long allowedBillingAudits() {
        return system.count("SELECT count(*) FROM audit_log WHERE outcome = 'allowed' AND action IN"
                + " ('checkout.create', 'portal.create')");
    }

    private static Iterable<Customer> stripeCustomers() {
        try {
            return stripe.v1().customers().list(CustomerListParams.builder().setLimit(100L).build())
                    .autoPagingIterable();
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Iterable<Session> checkoutSessions() {
        try {
            return stripe.v1().checkout().sessions().list(SessionListParams.builder().setLimit(100L).build())
                    .autoPagingIterable();
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    // The generators.

    /** Every billing variant for every caller relation, the token in the header and in the cookie. */
    private static List<Case> relationMatrix() {
        List<Case> cases = new ArrayList<>();
        for (BillingRequest variant : billingVariants()) {
            for (Identity who : RELATIONS) {
                for (Placement placement : List.of(Placement.HEADER, Placement.COOKIE)) {
                    cases.add(billingCase("caller relations", variant, who, TokenState.VALID, placement));
                }
            }
        }
        return cases;
    }

    /** Every invalid token state and every placement that must not count, on every billing variant. */
    private static List<Case> tokenMatrix() {
        List<Case> cases = new ArrayList<>();
        for (BillingRequest variant : billingVariants()) {
            for (TokenState state : TokenState.values()) {
                if (state != TokenState.VALID) {
                    cases.add(billingCase("token states", variant, ORG_ADMIN, state, Placement.HEADER));
                }
            }
            for (Placement placement : Placement.values()) {
                if (!placement.authenticates()) {
                    cases.add(billingCase("token placement", variant, ORG_ADMIN, TokenState.VALID, placement));
                }
            }
        }
        return cases;
    }

    private static Case billingCase(String section, BillingRequest variant, Identity who, TokenState state,
            Placement placement) {
        Request request = variant.request();
        Optional<String> token = state.mint(who);
        if (token.isPresent()) {
            String t = token.get();
            request = switch (placement) {
                case HEADER -> request.withHeader("Authorization", "Bearer " + t);
                case COOKIE -> request.withHeader("Cookie", "__session=" + t);
                case QUERY_STRING -> request.withQuery("__session", t).withQuery("token", t)
                        .withQuery("access_token", t);
                case HEADER_WITHOUT_BEARER -> request.withHeader("Authorization", t);
                case FOREIGN_HEADER_BEFORE_VALID_COOKIE -> request.withHeader("Authorization", "Bearer "
                        + TokenState.WRONG_SIGNATURE.mint(who).orElseThrow()).withHeader("Cookie", "__session=" + t);
            };
        }
        boolean authenticated = state == TokenState.VALID && placement.authenticates();
        boolean cookieWithoutJson = authenticated && placement == Placement.COOKIE && !request.method().equals("GET")
                && !"application/json".equals(request.headers().get("Content-Type"));
        Expected expected = billingOracle(variant.ask(), authenticated ? Optional.of(who) : Optional.empty(),
                cookieWithoutJson);
        String label = variant.label() + " as " + who + ", token " + state + " in " + placement;
        return new Case(section, variant.operation(), label, request, expected);
    }

    // Bad input.

    /** A bad value for a field, as raw JSON, and what Jackson reads from it. */
    private enum BadValue {
        NULL("null"), NUMBER("123"), NEGATIVE("-1"), FRACTION("2.5"), HUGE("123456789012345678901234567890"),
        BOOLEAN("true"), ARRAY("[\"user\"]"), OBJECT("{\"id\":\"" + ACME + "\"}"), EMPTY("\"\""),
        TOO_LONG("\"" + "x".repeat(5000) + "\""), CONTROL("\"\\u0000\\u202e\\r\\n\""),
        UNICODE("\"\uff55\uff53\uff45\uff52\u200b\""), UNKNOWN_ENUM("\"superuser\"");

        final String json;

        BadValue(String json) {
            this.json = json;
        }

        /** Whether a string field cannot be read from this value at all (an array or an object). */
        boolean notAString() {
            return this == ARRAY || this == OBJECT;
        }

        /** The text a string field is read as: a scalar's text, or null for {@code null}. */
        String text() {
            return switch (this) {
                case NULL -> null;
                case ARRAY, OBJECT -> throw new IllegalStateException(this + " is not a string");
                case CONTROL -> "\0\u202e\r\n";
                default -> json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
            };
        }

        /** As a query parameter: absent for {@code null}, else the text (an array or object as its JSON). */
        Optional<String> queryText() {
            return this == NULL ? Optional.empty() : Optional.of(notAString() ? json : text());
        }
    }

    /** Return addresses an attacker would like, and one unusual spelling of the allowed origin. */
    private static final List<String> URLS = List.of("https://evil.example/done", "http://app.test@evil.example/done",
            "http://evil.example\\@app.test/done", "javascript:alert(1)", "//evil.example/done", "/relative/path",
            "http://app.test.evil.example/done", "http://app.test:8443/done", "ftp://app.test/done",
            "HTTP://APP.TEST/done", SystemUnderTest.ORIGIN + "/" + "a".repeat(6000));

    /** Bad input in every field of every billing body and query parameter, sent by a caller allowed to act. */
    private static List<Case> badBillingInput() {
        List<Case> cases = new ArrayList<>();
        for (boolean checkout : List.of(true, false)) {
            String op = checkout ? CHECKOUT : PORTAL;
            String path = checkout ? "/v1/billing/checkout-sessions" : "/v1/billing/portal-sessions";
            List<String> fields = checkout
                    ? List.of("owner", "organizationId", "price", "quantity", "successUrl", "cancelUrl")
                    : List.of("owner", "organizationId", "returnUrl");
            for (String field : fields) {
                for (BadValue value : BadValue.values()) {
                    cases.add(badStart(checkout, op, path, field, value.json, value.name(), startAsk(checkout, field,
                            value)));
                }
            }
            for (String url : checkout ? List.of("successUrl", "cancelUrl") : List.of("returnUrl")) {
                URLS.forEach(candidate -> cases.add(badStart(checkout, op, path, url, quoted(candidate),
                        abbreviate(candidate), new Ask.Start(checkout, "user", Optional.empty(), false,
                                Optional.ofNullable(urlProblem(candidate))))));
            }
            if (checkout) {
                for (long quantity : new long[] {0, MIN_QUANTITY, MAX_QUANTITY, MAX_QUANTITY + 1, Long.MAX_VALUE}) {
                    boolean within = quantity >= MIN_QUANTITY && quantity <= MAX_QUANTITY;
                    cases.add(badStart(true, op, path, "quantity", Long.toString(quantity), Long.toString(quantity),
                            new Ask.Start(true, "user", Optional.empty(), false,
                                    within ? Optional.empty() : Optional.of("quantity_out_of_range"))));
                }
            }
            for (String malformed : List.of("", "{", "[]", "\"user\"", "null", "{\"owner\":\"user\"",
                    "{\"owner\":\"user\"}}")) {
                Request request = post(path, malformed).withHeader("Authorization", "Bearer "
                        + TokenState.VALID.mint(SELF).orElseThrow());
                boolean noBody = malformed.isEmpty() || malformed.equals("null");
                cases.add(new Case("bad input", op, "malformed body '" + malformed + "'", request,
                        Expected.refused(400, noBody ? "parameter_missing" : "invalid_json")));
            }
        }
        for (BadValue value : BadValue.values()) {
            Optional<String> text = value.queryText();
            String ownerQuery = text.map(t -> "?owner=" + query(t)).orElse("");
            cases.add(billingCase("bad input", new BillingRequest(PRICES, "owner " + value,
                    get("/v1/billing/prices" + ownerQuery), new Ask.Prices(text.orElse(null))), SELF, TokenState.VALID,
                    Placement.HEADER));
            cases.add(billingCase("bad input", new BillingRequest(CUSTOMER, "owner " + value,
                    get("/v1/billing/customer" + ownerQuery), new Ask.Read(text.orElse(null), Optional.empty())), SELF,
                    TokenState.VALID, Placement.HEADER));
            cases.add(billingCase("bad input", new BillingRequest(CUSTOMER, "organizationId " + value,
                    get("/v1/billing/customer?owner=organization" + text.map(t -> "&organizationId=" + query(t))
                            .orElse("")), new Ask.Read("organization", text)), ORG_ADMIN, TokenState.VALID,
                    Placement.HEADER));
            if (text.isPresent()) {
                Optional<Expected> refusedBeforeRouting = pathSegmentRule(text.get(), false);
                cases.add(billingCase("bad input", new BillingRequest(SYNC, "session id " + value,
                        post("/v1/billing/checkout-sessions/" + query(text.get()) + "/sync", null),
                        refusedBeforeRouting.<Ask>map(Ask.NoRoute::of).orElse(new Ask.Sync(Optional.empty()))), SELF,
                        TokenState.VALID, Placement.HEADER));
            }
        }
        return cases;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** What a checkout or portal body with one bad field asks, by the field's rule. */
    private static Ask.Start startAsk(boolean checkout, String field, BadValue value) {
        String owner = field.equals("organizationId") ? "organization" : "user";
        Optional<String> organizationId = Optional.empty();
        Optional<String> problem = Optional.empty();
        boolean invalidJson = value.notAString();
        if (!invalidJson) {
            String text = value.text();
            switch (field) {
                case "owner" -> owner = text;
                case "organizationId" -> organizationId = Optional.ofNullable(text);
                case "price" -> problem = Optional.of(text == null || text.isBlank() ? "parameter_missing"
                        : "price_not_available");
                case "quantity" -> {
                    invalidJson = value != BadValue.NULL && value != BadValue.NUMBER && value != BadValue.NEGATIVE;
                    problem = value == BadValue.NULL ? Optional.empty() : Optional.of("quantity_out_of_range");
                }
                default -> problem = Optional.ofNullable(urlProblem(text));
            }
        }
        return new Ask.Start(checkout, owner, organizationId, invalidJson, problem);
    }

    private static Case badStart(boolean checkout, String op, String path, String field, String rawValue,
            String valueName, Ask.Start ask) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("owner", field.equals("organizationId") ? "\"organization\"" : "\"user\"");
        if (checkout) {
            body.put("price", "\"" + PRICE + "\"");
            body.put("successUrl", quoted(SUCCESS_URL));
            body.put("cancelUrl", quoted(CANCEL_URL));
        } else {
            body.put("returnUrl", quoted(RETURN_URL));
        }
        body.put(field, rawValue);
        Identity who = field.equals("organizationId") ? ORG_ADMIN : SELF;
        return billingCase("bad input", new BillingRequest(op, field + " " + valueName, post(path, json(body)), ask),
                who, TokenState.VALID, Placement.HEADER);
    }

    // Admin API.

    /** How a request to the admin API carries (or fails to carry) an admin token. */
    private enum AdminCaller {
        NO_TOKEN, READ, READ_WRITE, REVOKED, SESSION_TOKEN, UNKNOWN_ADMIN_TOKEN, APP_KEY, NOT_BEARER, COOKIE,
        QUERY_STRING;

        Request apply(Request request) {
            return switch (this) {
                case NO_TOKEN -> request;
                case READ -> request.withHeader("Authorization", "Bearer " + world.readToken());
                case READ_WRITE -> request.withHeader("Authorization", "Bearer " + world.writeToken());
                case REVOKED -> request.withHeader("Authorization", "Bearer " + world.revokedToken());
                case SESSION_TOKEN -> request.withHeader("Authorization", "Bearer "
                        + TokenState.VALID.mint(ORG_ADMIN).orElseThrow());
                case UNKNOWN_ADMIN_TOKEN -> request.withHeader("Authorization", "Bearer " + AdminTokenFormat.generate());
                case APP_KEY -> request.withHeader("Authorization", "Bearer " + world.appKeys().usageWrite());
                case NOT_BEARER -> request.withHeader("Authorization", world.writeToken());
                case COOKIE -> request.withHeader("Cookie", "__session=" + world.writeToken());
                case QUERY_STRING -> request.withQuery("token", world.writeToken())
                        .withQuery("access_token", world.writeToken());
            };
        }

        /** The 401 code for a caller without a valid token in the Authorization header, if any. */
        Optional<String> refusal() {
            return switch (this) {
                case READ, READ_WRITE -> Optional.empty();
                case REVOKED, SESSION_TOKEN, UNKNOWN_ADMIN_TOKEN, APP_KEY -> Optional.of("admin_token_invalid");
                default -> Optional.of("admin_token_missing");
            };
        }
    }

    /**
     * An admin request and the answer a token with the needed scope gets.
     *
     * @param write whether the action needs the {@code write} scope
     */
    private record AdminRequest(String operation, String label, Request request, boolean write, Expected withScope) {
    }

    private static List<AdminRequest> adminVariants() {
        List<AdminRequest> all = new ArrayList<>();
        all.add(new AdminRequest("GET /admin/v1/me", "who am I", get("/admin/v1/me"), false, Expected.ok(200)));
        all.add(new AdminRequest("GET /admin/v1/overview", "overview", get("/admin/v1/overview"), false,
                Expected.ok(200)));
        all.add(new AdminRequest("GET /admin/v1/audit", "latest", get("/admin/v1/audit?limit=5"), false,
                Expected.ok(200)));
        all.add(new AdminRequest("GET /admin/v1/webhook-events", "failed events",
                get("/admin/v1/webhook-events?status=failed"), false, Expected.ok(200)));
        all.add(new AdminRequest("GET /admin/v1/app-events", "deliveries of an owner",
                get("/admin/v1/app-events?ownerType=user&ownerId=" + CAROL + "&limit=5"), false, Expected.ok(200)));
        all.add(new AdminRequest("GET /admin/v1/app-events", "an unknown type",
                get("/admin/v1/app-events?type=invoice.paid"), false, Expected.refused(400, "invalid_type")));
        all.add(new AdminRequest("POST /admin/v1/app-events/{eventId}/retry", "a delivery never recorded",
                post("/admin/v1/app-events/msg_matrixnever/retry", "{\"endpoint\":\"https://app.example/e\"}"),
                true, Expected.refused(404, "failed_delivery_not_found")));
        all.add(new AdminRequest("POST /admin/v1/app-events/{eventId}/retry", "a malformed event id",
                post("/admin/v1/app-events/evt_1/retry", "{\"endpoint\":\"https://app.example/e\"}"),
                true, Expected.refused(400, "invalid_event_id")));
        all.add(new AdminRequest("GET /admin/v1/accounts", "search by owner id",
                get("/admin/v1/accounts?q=" + CAROL + "&limit=5"), false, Expected.ok(200)));
        all.add(new AdminRequest("POST /admin/v1/webhook-events/{source}/{eventId}/retry", "an event never received",
                post("/admin/v1/webhook-events/stripe/evt_matrix_never/retry", null), true,
                Expected.refused(404, "failed_event_not_found")));
        all.add(new AdminRequest("POST /admin/v1/webhook-events/{source}/{eventId}/retry", "an unknown source",
                post("/admin/v1/webhook-events/paypal/evt_matrix_never/retry", null), true,
                Expected.refused(400, "invalid_source")));
        String[][] owners = {{"user", CAROL}, {"organization", ACME}, {"user", "user_nobody"}, {"team", CAROL},
            {"organization", CAROL + "%27"}};
        for (String[] owner : owners) {
            String base = "/admin/v1/accounts/" + owner[0] + "/" + owner[1];
            String label = owner[0] + " " + owner[1];
            String id = owner[1].replace("%27", "'");
            all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}", label, get(base), false,
                    ownerRule(owner[0], id, WITH_ACCOUNT, Expected.ok(200))));
            all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}/audit", label,
                    get(base + "/audit?limit=5"), false, ownerRule(owner[0], id, WITH_ACCOUNT, Expected.ok(200))));
            all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}/events", label,
                    get(base + "/events?limit=5"), false, ownerRule(owner[0], id, WITH_ACCOUNT, Expected.ok(200))));
            all.add(new AdminRequest("POST /admin/v1/accounts/{ownerType}/{ownerId}/sync", label,
                    post(base + "/sync", null), true, ownerRule(owner[0], id, WITH_ACCOUNT, Expected.ok(200))));
            all.add(new AdminRequest("POST /admin/v1/accounts/{ownerType}/{ownerId}/push-profile", label,
                    post(base + "/push-profile", null), true, ownerRule(owner[0], id, WITH_ACCOUNT, Expected.ok(200))));
        }
        String relink = "POST /admin/v1/accounts/{ownerType}/{ownerId}/relink";
        String carol = "/admin/v1/accounts/user/" + CAROL + "/relink";
        all.add(new AdminRequest(relink, "Carol to her own customer", post(carol, "{\"customer\":\""
                + world.carolCustomer() + "\"}"), true, Expected.ok(200)));
        all.add(new AdminRequest(relink, "Carol to Acme's customer", post(carol, "{\"customer\":\""
                + world.acmeCustomer() + "\"}"), true, Expected.refused(409, "customer_owner_mismatch")));
        all.add(new AdminRequest(relink, "Carol to a customer that does not exist", post(carol,
                "{\"customer\":\"cus_matrixdoesnotexist\"}"), true, Expected.refused(404, "customer_not_found")));
        all.add(new AdminRequest(relink, "an owner type that does not exist", post("/admin/v1/accounts/team/"
                + CAROL + "/relink", "{\"customer\":\"" + world.carolCustomer() + "\"}"), true,
                Expected.refused(400, "invalid_owner")));
        return all;
    }

    /** Bad input in every admin query, path and body parameter, with a token that has both scopes. */
    private static List<AdminRequest> badAdminInput() {
        List<AdminRequest> all = new ArrayList<>();
        String[][] limits = {{"GET /admin/v1/accounts", "/admin/v1/accounts", "100"},
            {"GET /admin/v1/audit", "/admin/v1/audit", "500"},
            {"GET /admin/v1/webhook-events", "/admin/v1/webhook-events", "500"},
            {"GET /admin/v1/accounts/{ownerType}/{ownerId}/audit", "/admin/v1/accounts/user/" + CAROL + "/audit", "500"},
            {"GET /admin/v1/accounts/{ownerType}/{ownerId}/events", "/admin/v1/accounts/user/" + CAROL + "/events",
                "500"}};
        for (String[] endpoint : limits) {
            for (String limit : List.of("0", "-1", "2.5", "abc", "1e2", "501", "101", "99999999999", "\uff11", " 5",
                    "5 ")) {
                all.add(new AdminRequest(endpoint[0], "limit '" + limit + "'",
                        get(endpoint[1]).withQuery("limit", limit), false,
                        limitRule(Optional.of(limit), Integer.parseInt(endpoint[2]))));
            }
            for (BadValue value : BadValue.values()) {
                Request request = get(endpoint[1]);
                if (value.queryText().isPresent()) {
                    request = request.withQuery("limit", value.queryText().get());
                }
                all.add(new AdminRequest(endpoint[0], "limit " + value, request, false,
                        limitRule(value.queryText(), Integer.parseInt(endpoint[2]))));
            }
        }
        for (BadValue value : BadValue.values()) {
            Optional<String> text = value.queryText();
            Request status = get("/admin/v1/webhook-events");
            Request q = get("/admin/v1/accounts");
            Request cursor = get("/admin/v1/accounts/user/" + CAROL + "/audit");
            if (text.isPresent()) {
                status = status.withQuery("status", text.get());
                q = q.withQuery("q", text.get());
                cursor = cursor.withQuery("cursor", text.get());
            }
            all.add(new AdminRequest("GET /admin/v1/webhook-events", "status " + value, status, false,
                    text.isEmpty() ? Expected.ok(200) : Expected.refused(400, "invalid_status")));
            boolean badQuery = text.filter(t -> t.length() > 200 || t.chars().anyMatch(Character::isISOControl))
                    .isPresent();
            all.add(new AdminRequest("GET /admin/v1/accounts", "q " + value, q, false,
                    badQuery ? Expected.refused(400, "invalid_query") : Expected.ok(200)));
            all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}/audit", "cursor " + value, cursor,
                    false, text.isEmpty() ? Expected.ok(200) : Expected.refused(400, "cursor_invalid")));
            if (text.isPresent()) {
                String t = text.get();
                String segment = query(t);
                all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}", "owner type " + value,
                        get("/admin/v1/accounts/" + segment + "/" + CAROL), false,
                        pathSegmentRule(t, false).orElse(ownerRule(t, CAROL, WITH_ACCOUNT, Expected.ok(200)))));
                all.add(new AdminRequest("GET /admin/v1/accounts/{ownerType}/{ownerId}", "owner id " + value,
                        get("/admin/v1/accounts/user/" + segment), false,
                        pathSegmentRule(t, true).orElse(ownerRule("user", t, WITH_ACCOUNT, Expected.ok(200)))));
                all.add(new AdminRequest("POST /admin/v1/webhook-events/{source}/{eventId}/retry", "source " + value,
                        post("/admin/v1/webhook-events/" + segment + "/evt_matrix_never/retry", null), true,
                        pathSegmentRule(t, false).orElse(Expected.refused(400, "invalid_source"))));
                all.add(new AdminRequest("POST /admin/v1/webhook-events/{source}/{eventId}/retry", "event id " + value,
                        post("/admin/v1/webhook-events/stripe/" + segment + "/retry", null), true,
                        pathSegmentRule(t, false).orElse(t.length() > 255 ? Expected.refused(400, "invalid_event_id")
                                : Expected.refused(404, "failed_event_not_found"))));
            }
            all.add(new AdminRequest("POST /admin/v1/accounts/{ownerType}/{ownerId}/relink", "customer " + value,
                    post("/admin/v1/accounts/user/" + CAROL + "/relink", "{\"customer\":" + value.json + "}"), true,
                    value.notAString() ? Expected.refused(400, "invalid_json")
                            : Expected.refused(400, "invalid_customer")));
        }
        return all;
    }

    private static Case adminCase(String section, AdminRequest variant, AdminCaller caller) {
        Expected expected;
        Optional<String> unauthenticated = caller.refusal();
        boolean beforeRouting = List.of("bad_request", "not_found").contains(String.valueOf(variant.withScope().code()));
        if (beforeRouting) {
            expected = variant.withScope();
        } else if (unauthenticated.isPresent()) {
            expected = Expected.refused(401, unauthenticated.get());
        } else if (variant.write() && caller == AdminCaller.READ) {
            expected = Expected.refused(403, "admin_scope_required");
        } else {
            expected = variant.withScope();
        }
        return new Case(section, variant.operation(), variant.label() + " by " + caller,
                caller.apply(variant.request()), expected);
    }

    /** Runs the admin cases; every write refused to the read token is audited as denied under it. */
    private void runAdmin(String section, List<Case> cases) {
        long deniedBefore = deniedAdminAudits(world.readName());
        runBatch(section, cases);
        long refusedWrites = cases.stream().filter(c -> "admin_scope_required".equals(c.expected().code())).count();
        long audited = deniedAdminAudits(world.readName()) - deniedBefore;
        if (audited != refusedWrites) {
            tally.failures.add("[" + section + "] the read token's refused writes audited as denied: " + audited
                    + ", refused: " + refusedWrites);
        }
    }

    private static long deniedAdminAudits(String tokenName) {
        return system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND actor = 'admin:" + tokenName
                + "'");
    }

    // Server-to-server API.

    /** How a request to the server-to-server API carries (or fails to carry) an application key. */
    private enum AppKeyCaller {
        USAGE_WRITE, BILLING_READ, NO_KEY, REVOKED, UNKNOWN_KEY, SESSION_TOKEN, ADMIN_TOKEN, NOT_BEARER, COOKIE,
        QUERY_STRING;

        Request apply(Request request) {
            String key = world.appKeys().usageWrite();
            return switch (this) {
                case USAGE_WRITE -> request.withHeader("Authorization", "Bearer " + key);
                case BILLING_READ -> request.withHeader("Authorization", "Bearer " + world.appKeys().billingRead());
                case NO_KEY -> request;
                case REVOKED -> request.withHeader("Authorization", "Bearer " + world.appKeys().revoked());
                case UNKNOWN_KEY -> request.withHeader("Authorization", "Bearer " + AppKeyFormat.generate());
                case SESSION_TOKEN -> request.withHeader("Authorization", "Bearer "
                        + TokenState.VALID.mint(ORG_ADMIN).orElseThrow());
                case ADMIN_TOKEN -> request.withHeader("Authorization", "Bearer " + world.writeToken());
                case NOT_BEARER -> request.withHeader("Authorization", key);
                case COOKIE -> request.withHeader("Cookie", "__session=" + key);
                case QUERY_STRING -> request.withQuery("key", key).withQuery("access_token", key);
            };
        }

        /** The answer of {@code GET /v1/usage/key}, which any application key may call. */
        Expected onKeyCheck() {
            return switch (this) {
                case USAGE_WRITE, BILLING_READ -> Expected.ok(200);
                case REVOKED, UNKNOWN_KEY, SESSION_TOKEN, ADMIN_TOKEN -> Expected.refused(401, "app_key_invalid");
                default -> Expected.refused(401, "app_key_missing");
            };
        }

        /**
         * The answer of {@code POST /v1/usage}, which needs {@code usage:write}; the report names an event no meter
         * has, so a key that gets through is told so (and nothing is stored).
         */
        Expected onUsageReport() {
            return switch (this) {
                case USAGE_WRITE -> Expected.refused(400, "usage_event_unknown");
                case BILLING_READ -> Expected.refused(403, "app_key_scope_required");
                default -> onKeyCheck();
            };
        }
    }

    private static List<Case> appKeyMatrix() {
        List<Case> cases = new ArrayList<>();
        for (AppKeyCaller caller : AppKeyCaller.values()) {
            cases.add(new Case("app-key API", "GET /v1/usage/key", "key check by " + caller,
                    caller.apply(get("/v1/usage/key")), caller.onKeyCheck()));
            cases.add(new Case("app-key API", "POST /v1/usage", "usage report by " + caller,
                    caller.apply(post("/v1/usage", "{\"ownerType\":\"user\",\"ownerId\":\"user_matrix_usage\","
                            + "\"event\":\"matrix_no_such_meter\",\"value\":1,\"identifier\":\"matrix-1\"}")),
                    caller.onUsageReport()));
        }
        return cases;
    }

    // Webhooks.

    private static String stripeEvent(String id, String customer) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + Instant.now().getEpochSecond()
                + ",\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"" + customer
                + "\",\"object\":\"customer\",\"metadata\":{}}}}";
    }

    private static Request stripeDelivery(String body, Optional<String> signature) {
        Request request = post("/v1/webhooks/stripe", body);
        return signature.map(s -> request.withHeader("Stripe-Signature", s)).orElse(request);
    }

    /** The Stripe attack list: each refused with 400 invalid_signature, replays acknowledged as duplicates. */
    private static List<Case> stripeAttacks(String control, String controlSignature) {
        long now = Instant.now().getEpochSecond();
        String attack = stripeEvent("evt_matrix_attack_1", world.carolCustomer());
        String otherSecret;
        try {
            otherSecret = "t=" + now + ",v1=" + com.stripe.net.Webhook.Util.computeHmacSha256("whsec_not_ours",
                    now + "." + attack);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String tampered = attack.replace(world.carolCustomer(), world.acmeCustomer());
        Map<String, Request> refused = new LinkedHashMap<>();
        refused.put("no Stripe-Signature", stripeDelivery(attack, Optional.empty()));
        refused.put("signed with another secret", stripeDelivery(attack, Optional.of(otherSecret)));
        refused.put("body tampered after signing", stripeDelivery(tampered,
                Optional.of(SystemFixtures.stripeSignature(now, attack))));
        refused.put("timestamp 301 s old", stripeDelivery(attack,
                Optional.of(SystemFixtures.stripeSignature(now - 301, attack))));
        refused.put("timestamp an hour old", stripeDelivery(attack,
                Optional.of(SystemFixtures.stripeSignature(now - 3600, attack))));
        refused.put("timestamp 10 minutes ahead", stripeDelivery(attack,
                Optional.of(SystemFixtures.stripeSignature(now + 600, attack))));
        refused.put("timestamp an hour ahead", stripeDelivery(attack,
                Optional.of(SystemFixtures.stripeSignature(now + 3600, attack))));
        refused.put("garbage signature header", stripeDelivery(attack, Optional.of("garbage")));
        refused.put("only a v0 signature", stripeDelivery(attack, Optional.of(SystemFixtures.stripeSignature(now,
                attack).replace("v1=", "v0="))));
        refused.put("a zero signature", stripeDelivery(attack, Optional.of("t=" + now + ",v1=" + "00".repeat(32))));
        refused.put("the control event replayed with a stale signature", stripeDelivery(control,
                Optional.of(SystemFixtures.stripeSignature(now - 400, control))));
        List<Case> cases = new ArrayList<>();
        refused.forEach((label, request) -> cases.add(new Case("webhook attacks", STRIPE_WEBHOOK, label, request,
                Expected.refused(400, "invalid_signature"))));
        cases.add(new Case("webhook attacks", STRIPE_WEBHOOK, "the control delivery replayed byte for byte",
                stripeDelivery(control, Optional.of(controlSignature)), Expected.ok(200)));
        cases.add(new Case("webhook attacks", STRIPE_WEBHOOK, "the control event replayed with a fresh signature",
                stripeDelivery(control, Optional.of(SystemFixtures.stripeSignature(now, control))), Expected.ok(200)));
        return cases;
    }

    private static String clerkEvent(String userId) {
        return "{\"data\":{\"id\":\"" + userId + "\",\"object\":\"user\",\"deleted\":true},\"object\":\"event\","
                + "\"type\":\"user.deleted\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"instance_id\":\"ins_billingbridge_dev\"}";
    }

    private static Request clerkDelivery(String body, Map<String, String> headers) {
        Request request = post("/v1/webhooks/clerk", body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        return request;
    }

    private static Map<String, String> svix(String id, long timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("svix-id", id);
        headers.put("svix-timestamp", Long.toString(timestamp));
        headers.put("svix-signature", signature);
        return headers;
    }

    private static String svixSigned(String id, long timestamp, String body) {
        return "v1," + SystemFixtures.svixSignature(system, id, Long.toString(timestamp), body);
    }

    /** The Svix attack list for the Clerk webhook: the same set as Stripe's. */
    private static List<Case> clerkAttacks(String controlId, String control, Map<String, String> controlHeaders) {
        long now = Instant.now().getEpochSecond();
        String id = "msg_matrix_attack_1";
        String attack = clerkEvent("user_matrix_attack");
        Map<String, Request> refused = new LinkedHashMap<>();
        Map<String, String> noSignature = svix(id, now, "");
        noSignature.remove("svix-signature");
        refused.put("no svix-signature", clerkDelivery(attack, noSignature));
        Map<String, String> noId = svix(id, now, svixSigned(id, now, attack));
        noId.remove("svix-id");
        refused.put("no svix-id", clerkDelivery(attack, noId));
        Map<String, String> noTimestamp = svix(id, now, svixSigned(id, now, attack));
        noTimestamp.remove("svix-timestamp");
        refused.put("no svix-timestamp", clerkDelivery(attack, noTimestamp));
        String otherSecret;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
            otherSecret = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal((id + "." + now + "."
                    + attack).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        refused.put("signed with another secret", clerkDelivery(attack, svix(id, now, otherSecret)));
        refused.put("body tampered after signing", clerkDelivery(attack.replace("user_matrix_attack", CAROL),
                svix(id, now, svixSigned(id, now, attack))));
        refused.put("signature of another message id", clerkDelivery(attack,
                svix(id, now, svixSigned("msg_matrix_other", now, attack))));
        refused.put("timestamp 10 minutes old", clerkDelivery(attack, svix(id, now - 600,
                svixSigned(id, now - 600, attack))));
        refused.put("timestamp 10 minutes ahead", clerkDelivery(attack, svix(id, now + 600,
                svixSigned(id, now + 600, attack))));
        refused.put("garbage signature", clerkDelivery(attack, svix(id, now, "v1,garbage")));
        refused.put("the control message replayed with a stale signature", clerkDelivery(control,
                svix(controlId, now - 600, svixSigned(controlId, now - 600, control))));
        List<Case> cases = new ArrayList<>();
        refused.forEach((label, request) -> cases.add(new Case("webhook attacks", CLERK_WEBHOOK, label, request,
                Expected.refused(400, null))));
        cases.add(new Case("webhook attacks", CLERK_WEBHOOK, "the control message replayed byte for byte",
                clerkDelivery(control, controlHeaders), Expected.ok(200)));
        cases.add(new Case("webhook attacks", CLERK_WEBHOOK, "the control message replayed with a fresh signature",
                clerkDelivery(control, svix(controlId, now, svixSigned(controlId, now, control))), Expected.ok(200)));
        return cases;
    }

    private static long recorded(String pattern) {
        return system.count("SELECT count(*) FROM webhook_events WHERE event_id LIKE '" + pattern + "'");
    }

    /** Sends the genuine control deliveries, then both attack lists; only the controls are ever recorded. */
    private void runWebhookAttacks() {
        String stripeControl = stripeEvent("evt_matrix_control", world.carolCustomer());
        String stripeSignature = SystemFixtures.stripeSignature(Instant.now().getEpochSecond(), stripeControl);
        String clerkId = "msg_matrix_control";
        String clerkControl = clerkEvent("user_matrix_ghost");
        long now = Instant.now().getEpochSecond();
        Map<String, String> clerkHeaders = svix(clerkId, now, svixSigned(clerkId, now, clerkControl));
        List<Case> controls = List.of(
                new Case("webhook attacks", STRIPE_WEBHOOK, "control: a genuine delivery",
                        stripeDelivery(stripeControl, Optional.of(stripeSignature)), Expected.ok(200)),
                new Case("webhook attacks", CLERK_WEBHOOK, "control: a genuine delivery",
                        clerkDelivery(clerkControl, clerkHeaders), Expected.ok(200)));
        List<Case> attacks = new ArrayList<>(stripeAttacks(stripeControl, stripeSignature));
        attacks.addAll(clerkAttacks(clerkId, clerkControl, clerkHeaders));
        for (Case c : controls) {
            run(c);
        }
        for (Case c : attacks) {
            tally.requests++;
            tally.perSection.merge(c.section(), 1, Integer::sum);
            tally.operationsCovered.add(c.operation());
            Reply reply = c.request().send();
            check(c, reply);
            if (reply.status() == 200 && !reply.json().path("duplicate").asBoolean(false)) {
                tally.fail(c, "a replay was recorded as new: " + reply.body());
            }
        }
        if (recorded("evt_matrix_attack%") + recorded("msg_matrix_attack%") != 0) {
            tally.failures.add("[webhook attacks] a refused delivery was recorded");
        }
        if (recorded("evt_matrix_control") != 1 || recorded("msg_matrix_control") != 1) {
            tally.failures.add("[webhook attacks] each control is recorded once: stripe "
                    + recorded("evt_matrix_control") + ", clerk " + recorded("msg_matrix_control"));
        }
    }

    // The test.

    /** Every operation of the checked-in document, as {@code "GET /v1/billing/prices"}. */
    private static Set<String> documentedOperations() throws IOException {
        JsonNode paths = SystemUnderTest.JSON.readTree(Files.readString(CHECKED_IN)).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /**
     * Sends a request Jetty refuses before routing, with a second request pipelined behind it on the same
     * connection, and returns everything the server answers on that connection.
     */
    private static String pipelinedAfter(String refusedRequestLine) throws IOException {
        URI base = URI.create(system.baseUrl(0));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((refusedRequestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
                    + "GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRequestRefusedBeforeRoutingSaysTheConnectionEndsSoTheClientsNextRequestIsNotLost() throws IOException {
        for (String line : List.of("POST /admin/v1/webhook-events/stripe/%00x/retry HTTP/1.1",
                "POST /v1/billing/checkout-sessions/%00/sync HTTP/1.1", "GET /admin/v1/accounts/user/%00x HTTP/1.1",
                "GET /v1/billing//customer HTTP/1.1")) {
            String answers = pipelinedAfter(line);
            String first = answers.substring(0, Math.max(0, answers.indexOf("\r\n\r\n")));
            assertThat(first).as("the answer to %s", line).startsWith("HTTP/1.1 400").contains("Request-Id:");
            boolean announced = first.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            boolean secondAnswered = answers.indexOf("HTTP/1.1 200", first.length()) > 0;
            assertThat(announced || secondAnswered)
                    .as("after %s the server either says Connection: close or answers the next request: %s", line,
                            answers)
                    .isTrue();
        }
    }

    @Test
    void noGeneratedRequestSucceedsWhereThePolicySaysNoAndEveryRefusalIsShapedAuditedAndLeavesNothing()
            throws IOException {
        long started = System.nanoTime();
        List<Case> relations = relationMatrix();
        List<Case> tokens = tokenMatrix();
        List<Case> badInput = badBillingInput();
        List<Case> admin = new ArrayList<>();
        for (AdminRequest variant : adminVariants()) {
            for (AdminCaller caller : AdminCaller.values()) {
                admin.add(adminCase("admin API", variant, caller));
            }
        }
        List<Case> badAdmin = badAdminInput().stream().map(v -> adminCase("bad input", v, AdminCaller.READ_WRITE))
                .toList();
        List<Case> appKey = appKeyMatrix();

        Set<String> generated = new TreeSet<>();
        for (List<Case> batch : List.of(relations, tokens, badInput, admin, badAdmin, appKey)) {
            batch.forEach(c -> generated.add(c.operation()));
        }
        generated.add(STRIPE_WEBHOOK);
        generated.add(CLERK_WEBHOOK);
        assertThat(generated).as("the generator covers every operation of docs/openapi.json and no other")
                .isEqualTo(documentedOperations());

        runBatch("caller relations", relations);
        runBatch("token states", tokens);
        runBatch("bad input", badInput);
        runAdmin("admin API", admin);
        runAdmin("bad input", badAdmin);
        runBatch("app-key API", appKey);
        runWebhookAttacks();

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "security matrix: %d requests over %d operations; %d allowed where the policy"
                + " says no; %d refusals, %d successes; %d differences from the oracle; sections %s; %.1f s%n",
                tally.requests, tally.operationsCovered.size(), tally.allowedWherePolicySaysNo, tally.refusals,
                tally.successes, tally.failures.size(), tally.perSection, seconds);
        assertThat(tally.operationsCovered).as("operations exercised").isEqualTo(documentedOperations());
        assertThat(tally.failures).as("answers that differ from the policy's").isEmpty();
        assertThat(tally.allowedWherePolicySaysNo).as("requests allowed where the policy says no").isZero();
        assertThat(tally.requests).as("generated requests").isGreaterThanOrEqualTo(500);
    }
}
