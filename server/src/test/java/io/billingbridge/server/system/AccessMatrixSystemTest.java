package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static io.billingbridge.server.system.SystemFixtures.portalBody;
import static io.billingbridge.server.system.SystemFixtures.sessionClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against every kind of caller: the exact status, and zero leaks of another owner's billing data.
 *
 * <p>Carol (no organization) bought a plan for herself; Alice bought the team plan for Acme, where Bob is a
 * member; Dave is admin of Globex. A caller whose token is missing, expired, forged, tampered or unsigned is 401.
 */
class AccessMatrixSystemTest {
    private static final String CAROL = ClerkDevInstance.CAROL;
    private static final String ALICE = ClerkDevInstance.ALICE;
    private static final String BOB = ClerkDevInstance.BOB;
    private static final String DAVE = ClerkDevInstance.DAVE;
    private static final String ACME = ClerkDevInstance.ACME;
    private static final String GLOBEX = ClerkDevInstance.GLOBEX;

    private static SystemUnderTest system;
    private static String carolSession;
    private static String acmeSession;
    /** Ids of Carol's billing data: customer, subscription, invoices, payment methods. */
    private static Set<String> carolData;
    /** Ids of Acme's billing data. */
    private static Set<String> acmeData;
    /** Ids only Acme's billing managers may see: invoices and payment methods. */
    private static Set<String> acmeDetails;

    /** A kind of caller, minting a fresh token (or none) per request. */
    private record Caller(String name, Supplier<Optional<String>> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Caller SELF_USER = valid("self user (Carol)", CAROL, Optional.empty());
    private static final Caller OTHER_USER = valid("another user (Dave, no organization)", DAVE, Optional.empty());
    private static final Caller ORG_ADMIN = valid("org admin (Alice of Acme)", ALICE, Optional.of(ACME));
    private static final Caller ORG_MEMBER = valid("org member (Bob of Acme)", BOB, Optional.of(ACME));
    private static final Caller OTHER_ORG_ADMIN = valid("admin of another org (Dave of Globex)", DAVE,
            Optional.of(GLOBEX));
    private static final List<Caller> AUTHENTICATED = List.of(SELF_USER, OTHER_USER, ORG_ADMIN, ORG_MEMBER,
            OTHER_ORG_ADMIN);
    private static final List<Caller> UNAUTHENTICATED = List.of(
            new Caller("no token", Optional::empty),
            new Caller("expired token (Alice as Acme admin)", () -> Optional.of(system.sandbox().clerk().signToken(
                    sessionClaims(system, ALICE, Optional.of(ACME), "admin", -120)))),
            new Caller("token signed with another key (Alice as Acme admin)", () -> Optional.of(
                    SystemFixtures.signedWithAnotherKey(system, sessionClaims(system, ALICE, Optional.of(ACME),
                            "admin", 60)))),
            new Caller("tampered token (Bob's, promoted to admin)", () -> Optional.of(SystemFixtures.tampered(
                    system.token(BOB, Optional.of(ACME)), sessionClaims(system, BOB, Optional.of(ACME), "admin", 60)))),
            new Caller("token with alg none (Alice as Acme admin)", () -> Optional.of(SystemFixtures.unsigned(
                    sessionClaims(system, ALICE, Optional.of(ACME), "admin", 60)))));

    private long deniedBefore;
    private long allowedBefore;
    private int sessionsStarted;
    /** Refusals that must each be audited as denied: every 403, and every attempt on another owner's session. */
    private int forbiddenSeen;

    private static Caller valid(String name, String userId, Optional<String> org) {
        return new Caller(name, () -> Optional.of(system.token(userId, org)));
    }

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        carolSession = SystemFixtures.buyAndSync(system, CAROL, Optional.empty(), "user", "pro_monthly");
        acmeSession = SystemFixtures.buyAndSync(system, ALICE, Optional.of(ACME), "organization", "team_monthly");

        JsonNode carol = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(CAROL,
                Optional.empty())).send().json();
        JsonNode acme = system.call("GET", "/v1/billing/customer?owner=organization").bearer(system.token(ALICE,
                Optional.of(ACME))).send().json();
        carolData = SystemFixtures.ownIds(carol);
        acmeData = SystemFixtures.ownIds(acme);
        acmeDetails = new HashSet<>(acme.get("invoices").findValuesAsText("id"));
        acmeDetails.addAll(acme.get("paymentMethods").findValuesAsText("id"));
        assertThat(carolData).as("Carol's data").anyMatch(id -> id.startsWith("cus_")).anyMatch(id -> id.startsWith("in_"))
                .anyMatch(id -> id.startsWith("pm_")).anyMatch(id -> id.startsWith("sub_"));
        assertThat(acmeDetails).as("Acme's billing details").anyMatch(id -> id.startsWith("pm_"));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @BeforeEach
    void countDenials() {
        deniedBefore = deniedInAudit();
        allowedBefore = allowedInAudit();
        forbiddenSeen = 0;
        sessionsStarted = 0;
    }

    private static long allowedInAudit() {
        return system.count("SELECT count(*) FROM audit_log WHERE outcome = 'allowed' AND action IN"
                + " ('checkout.create', 'portal.create')");
    }

    private static long deniedInAudit() {
        return system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied'");
    }

    private Reply send(Caller caller, String method, String path, String json) {
        SystemUnderTest.Call call = system.call(method, path);
        caller.token().get().ifPresent(call::bearer);
        if (json != null) {
            call.json(json);
        }
        Reply reply = call.send();
        if (reply.status() == 403) {
            forbiddenSeen++;
        } else if (reply.status() == 201) {
            sessionsStarted++;
        }
        return reply;
    }

    /** Sends the request as the caller, asserts the status, and that a refusal carries no billing data at all. */
    private Reply expect(Caller caller, String method, String path, String json, int status) {
        Reply reply = send(caller, method, path, json);
        assertThat(reply.status()).as("%s %s as %s: %s", method, path, caller, reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Request-Id")).isPresent();
        if (status >= 400) {
            assertError(reply, status, null);
            assertThat(reply.body()).as("refusal of %s %s to %s", method, path, caller)
                    .doesNotContain("cus_", "pm_", "sub_", "card")
                    .doesNotContain(carolData).doesNotContain(acmeData);
        }
        return reply;
    }

    /** Another owner's checkout session: 404, and an audited denial. */
    private Reply expectForeignSession(Caller caller, String path) {
        Reply reply = expect(caller, "POST", path, null, 404);
        forbiddenSeen++;
        return reply;
    }

    private void expectEachDeniedOnesAudited() {
        assertThat(deniedInAudit() - deniedBefore).as("denied attempts written to audit_log").isEqualTo(forbiddenSeen);
        assertThat(allowedInAudit() - allowedBefore).as("sessions started written to audit_log")
                .isEqualTo(sessionsStarted);
    }

    private void everyUnauthenticatedCallerGets401(String method, String path, String json) {
        for (Caller caller : UNAUTHENTICATED) {
            Reply reply = expect(caller, method, path, json, 401);
            assertThat(reply.json().get("error").get("type").asText()).isEqualTo("authentication_error");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void aTokenBuiltLikeTheForgedOnesButProperlySignedIsAccepted() {
        Reply reply = system.call("GET", "/v1/billing/customer?owner=organization").bearer(system.sandbox().clerk()
                .signToken(sessionClaims(system, ALICE, Optional.of(ACME), "admin", 60))).send();

        assertThat(reply.status()).as("control for the 401 cases: %s", reply.body()).isEqualTo(200);
        assertThat(reply.json().get("customer").asText()).isIn(acmeData);
    }

    @Test
    void aProperlySignedTokenMadeForAnotherOriginIsRefused() {
        Map<String, Object> claims = new java.util.HashMap<>(sessionClaims(system, ALICE, Optional.of(ACME), "admin", 60));
        claims.put("azp", "https://another-app.example.com");
        Reply reply = system.call("GET", "/v1/billing/customer?owner=organization")
                .bearer(system.sandbox().clerk().signToken(claims)).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("cus_");
    }

    @Test
    void everyAuthenticatedCallerSeesPricesAndNobodyElse() {
        for (Caller caller : AUTHENTICATED) {
            Reply user = expect(caller, "GET", "/v1/billing/prices?owner=user", null, 200);
            assertThat(user.json().get("data").findValuesAsText("lookupKey")).contains("pro_monthly");
            Reply org = expect(caller, "GET", "/v1/billing/prices?owner=organization", null, 200);
            assertThat(org.json().get("data").findValuesAsText("lookupKey")).contains("team_monthly");
            assertThat(user.body() + org.body()).doesNotContain("cus_");
        }
        everyUnauthenticatedCallerGets401("GET", "/v1/billing/prices?owner=user", null);
    }

    @Test
    void eachUserReadsOnlyTheirOwnCustomer() {
        Reply carol = expect(SELF_USER, "GET", "/v1/billing/customer?owner=user", null, 200);
        assertThat(SystemFixtures.ownIds(carol.json())).isEqualTo(carolData);
        assertThat(carol.body()).doesNotContain(acmeData);

        for (Caller other : List.of(OTHER_USER, ORG_ADMIN, ORG_MEMBER, OTHER_ORG_ADMIN)) {
            Reply reply = expect(other, "GET", "/v1/billing/customer?owner=user", null, 200);
            assertThat(reply.json().get("owner").get("type").asText()).isEqualTo("user");
            assertThat(reply.body()).as("%s reading owner=user", other).doesNotContain(carolData)
                    .doesNotContain(acmeData);
        }
        everyUnauthenticatedCallerGets401("GET", "/v1/billing/customer?owner=user", null);
        expectEachDeniedOnesAudited();
    }

    @Test
    void organizationMembersReadThePlanAndOnlyAdminsTheDetails() {
        String path = "/v1/billing/customer?owner=organization";
        Reply admin = expect(ORG_ADMIN, "GET", path, null, 200);
        assertThat(SystemFixtures.ownIds(admin.json())).isEqualTo(acmeData);

        Reply member = expect(ORG_MEMBER, "GET", path, null, 200);
        assertThat(member.json().get("subscriptions")).hasSize(1);
        assertThat(member.json().has("invoices")).isFalse();
        assertThat(member.json().has("paymentMethods")).isFalse();
        assertThat(member.json().has("payments")).isFalse();
        assertThat(member.body()).doesNotContain(acmeDetails).doesNotContain(carolData);

        Reply globex = expect(OTHER_ORG_ADMIN, "GET", path, null, 200);
        assertThat(globex.json().get("owner").get("id").asText()).isEqualTo(GLOBEX);
        assertThat(globex.body()).doesNotContain(acmeData).doesNotContain(carolData);

        assertThat(expect(SELF_USER, "GET", path, null, 403).json().get("error").get("code").asText())
                .isEqualTo("no_active_organization");
        expect(OTHER_USER, "GET", path, null, 403);
        everyUnauthenticatedCallerGets401("GET", path, null);
        expectEachDeniedOnesAudited();
    }

    @Test
    void usageIsReadAsThePlanIs() {
        String path = "/v1/billing/usage?owner=organization";
        for (Caller reader : List.of(ORG_ADMIN, ORG_MEMBER, OTHER_ORG_ADMIN)) {
            Reply reply = expect(reader, "GET", path, null, 200);
            assertThat(reply.json().get("data")).as("no metered subscription here").isEmpty();
        }
        expect(SELF_USER, "GET", "/v1/billing/usage?owner=user", null, 200);
        expect(SELF_USER, "GET", path, null, 403);
        expect(OTHER_USER, "GET", path, null, 403);
        expect(OTHER_ORG_ADMIN, "GET", path + "&organizationId=" + ACME, null, 403);
        everyUnauthenticatedCallerGets401("GET", path, null);
        expectEachDeniedOnesAudited();
    }

    @Test
    void namingAnOrganizationOtherThanTheActiveOneIsForbidden() {
        String acme = "/v1/billing/customer?owner=organization&organizationId=" + ACME;
        expect(ORG_ADMIN, "GET", acme, null, 200);
        expect(ORG_MEMBER, "GET", acme, null, 200);
        Reply globexAdmin = expect(OTHER_ORG_ADMIN, "GET", acme, null, 403);
        assertThat(globexAdmin.json().get("error").get("code").asText()).isEqualTo("not_active_organization");
        expect(SELF_USER, "GET", acme, null, 403);
        expect(OTHER_USER, "GET", acme, null, 403);

        expect(ORG_ADMIN, "GET", "/v1/billing/customer?owner=organization&organizationId=" + GLOBEX, null, 403);
        expect(ORG_MEMBER, "GET", "/v1/billing/customer?owner=organization&organizationId=" + GLOBEX, null, 403);
        expect(ORG_ADMIN, "GET", "/v1/billing/customer?owner=organization&organizationId=org_nosuchthing", null, 403);
        expect(ORG_ADMIN, "POST", "/v1/billing/checkout-sessions",
                checkoutBody("organization", "team_monthly", ",\"organizationId\":\"org_nosuchthing\""), 403);
        expect(OTHER_ORG_ADMIN, "POST", "/v1/billing/checkout-sessions",
                checkoutBody("organization", "team_monthly", ",\"organizationId\":\"" + ACME + "\""), 403);
        expect(OTHER_ORG_ADMIN, "POST", "/v1/billing/portal-sessions",
                portalBody("organization", ",\"organizationId\":\"" + ACME + "\""), 403);
        everyUnauthenticatedCallerGets401("GET", acme, null);
        expectEachDeniedOnesAudited();
    }

    @Test
    void checkoutIsForOneselfOrByAnAdminForTheActiveOrganization() {
        String path = "/v1/billing/checkout-sessions";
        for (Caller caller : AUTHENTICATED) {
            Reply reply = expect(caller, "POST", path, checkoutBody("user", "credits_100", ""), 201);
            assertThat(reply.json().get("id").asText()).startsWith("cs_");
            assertThat(reply.body()).doesNotContain("cus_");
        }
        expect(ORG_ADMIN, "POST", path, checkoutBody("organization", "credits_100", ""), 201);
        expect(OTHER_ORG_ADMIN, "POST", path, checkoutBody("organization", "credits_100", ""), 201);
        expect(ORG_MEMBER, "POST", path, checkoutBody("organization", "credits_100", ""), 403);
        expect(SELF_USER, "POST", path, checkoutBody("organization", "credits_100", ""), 403);
        expect(OTHER_USER, "POST", path, checkoutBody("organization", "credits_100", ""), 403);
        everyUnauthenticatedCallerGets401("POST", path, checkoutBody("user", "credits_100", ""));
        everyUnauthenticatedCallerGets401("POST", path, checkoutBody("organization", "credits_100", ""));

        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = 'organization' AND owner_id = '"
                + GLOBEX + "'")).isEqualTo(1);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND action = 'checkout.create'"
                + " AND actor = '" + BOB + "' AND owner_key LIKE '%" + ACME + "%'")).isGreaterThanOrEqualTo(1);
        expectEachDeniedOnesAudited();
    }

    @Test
    void syncAfterCheckoutIsNotFoundForAnyoneButTheSessionsOwner() {
        String carol = "/v1/billing/checkout-sessions/" + carolSession + "/sync";
        Reply own = expect(SELF_USER, "POST", carol, null, 200);
        assertThat(SystemFixtures.ownIds(own.json())).isEqualTo(carolData);
        for (Caller other : List.of(OTHER_USER, ORG_ADMIN, ORG_MEMBER, OTHER_ORG_ADMIN)) {
            assertThat(expectForeignSession(other, carol).json().get("error").get("code").asText())
                    .isEqualTo("not_found");
        }
        everyUnauthenticatedCallerGets401("POST", carol, null);

        String acme = "/v1/billing/checkout-sessions/" + acmeSession + "/sync";
        assertThat(SystemFixtures.ownIds(expect(ORG_ADMIN, "POST", acme, null, 200).json())).isEqualTo(acmeData);
        Reply member = expect(ORG_MEMBER, "POST", acme, null, 200);
        assertThat(member.json().has("invoices")).isFalse();
        assertThat(member.body()).doesNotContain(acmeDetails);
        for (Caller other : List.of(SELF_USER, OTHER_USER, OTHER_ORG_ADMIN)) {
            expectForeignSession(other, acme);
        }
        JsonNode foreign = expectForeignSession(ORG_ADMIN, carol).json();
        assertThat(expect(ORG_ADMIN, "POST", "/v1/billing/checkout-sessions/cs_test_doesnotexist/sync", null, 404)
                .json()).as("another owner's session is indistinguishable from one that does not exist")
                .isEqualTo(foreign);
        assertThat(expect(ORG_ADMIN, "POST", "/v1/billing/checkout-sessions/not-a-session/sync", null, 404).json())
                .isEqualTo(foreign);
        everyUnauthenticatedCallerGets401("POST", acme, null);
        expectEachDeniedOnesAudited();
    }

    @Test
    void portalIsForOneselfOrByAnAdminForTheActiveOrganization() {
        String path = "/v1/billing/portal-sessions";
        for (Caller caller : AUTHENTICATED) {
            Reply reply = expect(caller, "POST", path, portalBody("user", ""), 201);
            assertThat(reply.json().get("url").asText()).startsWith(system.sandbox().stripe().baseUrl());
        }
        expect(ORG_ADMIN, "POST", path, portalBody("organization", ""), 201);
        expect(ORG_MEMBER, "POST", path, portalBody("organization", ""), 403);
        expect(SELF_USER, "POST", path, portalBody("organization", ""), 403);
        expect(OTHER_USER, "POST", path, portalBody("organization", ""), 403);
        everyUnauthenticatedCallerGets401("POST", path, portalBody("user", ""));
        everyUnauthenticatedCallerGets401("POST", path, portalBody("organization", ""));
        expectEachDeniedOnesAudited();
    }

    @Test
    void aStripeCustomerIdInTheRequestIsNeverUsed() throws StripeException {
        String acmeCustomer = acmeData.stream().filter(id -> id.startsWith("cus_")).findFirst().orElseThrow();
        String carolCustomer = carolData.stream().filter(id -> id.startsWith("cus_")).findFirst().orElseThrow();

        Reply read = expect(SELF_USER, "GET", "/v1/billing/customer?owner=user&customer=" + acmeCustomer
                + "&customerId=" + acmeCustomer, null, 200);
        assertThat(read.json().get("customer").asText()).isEqualTo(carolCustomer);
        assertThat(read.body()).doesNotContain(acmeData);

        Reply checkout = expect(SELF_USER, "POST", "/v1/billing/checkout-sessions",
                checkoutBody("user", "credits_100", ",\"customer\":\"" + acmeCustomer + "\",\"customerId\":\""
                        + acmeCustomer + "\""), 201);
        String customer = SystemFixtures.stripe(system).v1().checkout().sessions()
                .retrieve(checkout.json().get("id").asText()).getCustomer();
        assertThat(customer).as("a customer field in the body is ignored").isEqualTo(carolCustomer);
        assertThat(checkout.body()).doesNotContain(acmeCustomer);

        expect(ORG_MEMBER, "POST", "/v1/billing/portal-sessions",
                portalBody("organization", ",\"customer\":\"" + acmeCustomer + "\""), 403);
        expect(SELF_USER, "POST", "/v1/billing/portal-sessions",
                "{\"owner\":\"" + acmeCustomer + "\",\"returnUrl\":\"" + SystemUnderTest.ORIGIN + "/a\"}", 400);
        expect(SELF_USER, "GET", "/v1/billing/customer?owner=" + acmeCustomer, null, 400);
        expect(SELF_USER, "POST", "/v1/billing/checkout-sessions/" + acmeCustomer + "/sync", null, 404);
        expectEachDeniedOnesAudited();
    }

    @Test
    void refusedCallersCauseNoStripeObjects() {
        long accounts = system.count("SELECT count(*) FROM billing_accounts");
        List<Reply> replies = new ArrayList<>();
        Function<Caller, Reply> portal = c -> expect(c, "POST", "/v1/billing/portal-sessions",
                portalBody("organization", ""), c.token().get().isPresent() && isValid(c) ? 403 : 401);
        for (Caller caller : UNAUTHENTICATED) {
            replies.add(portal.apply(caller));
        }
        replies.add(portal.apply(ORG_MEMBER));
        replies.add(portal.apply(OTHER_USER));
        assertThat(replies).hasSize(UNAUTHENTICATED.size() + 2).allSatisfy(r -> assertThat(r.status()).isIn(401, 403));
        assertThat(system.count("SELECT count(*) FROM billing_accounts")).isEqualTo(accounts);
        expectEachDeniedOnesAudited();
    }

    private static boolean isValid(Caller caller) {
        return AUTHENTICATED.contains(caller);
    }
}
