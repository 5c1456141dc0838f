package io.billingbridge.server.system;

import static io.billingbridge.server.system.OperatorCommandLine.run;
import static io.billingbridge.server.system.OperatorCommandLine.sandboxConfig;
import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiWebhookLedger;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.OperatorCommandLine.Output;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP with admin tokens, and the operator commands against the sandbox. */
class AdminApiSystemTest {
    private static SystemUnderTest system;
    private static JdbiAdminTokens tokens;
    private static Jdbi jdbi;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        jdbi = Databases.jdbi(system.database());
        tokens = new JdbiAdminTokens(jdbi, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String newAdminToken() {
        return tokens.create("support-" + UUID.randomUUID().toString().substring(0, 8), SystemFixtures.READ_WRITE);
    }

    private static Reply admin(String method, String path, String token) {
        return system.call(method, path).bearer(token).send();
    }

    private static long audited(String actorPattern, String action, String outcome) {
        return system.count("SELECT count(*) FROM audit_log WHERE actor LIKE '" + actorPattern + "' AND action = '"
                + action + "' AND outcome = '" + outcome + "'");
    }

    @Test
    void accountShowsTheAccountAndTheWholeSnapshotAndSyncRefreshesIt() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        assertThat(system.call("POST", "/v1/billing/checkout-sessions").bearer(carol)
                .json(checkoutBody("user", "pro_monthly", "")).send().status()).isEqualTo(201);
        String token = newAdminToken();

        Reply synced = admin("POST", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL + "/sync", token);
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);

        Reply read = admin("GET", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL, token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode account = read.json().get("account");
        assertThat(account.get("customer").asText()).startsWith("cus_");
        assertThat(account.get("syncState").asText()).isEqualTo("active");
        assertThat(account.get("owner").get("id").asText()).isEqualTo(ClerkDevInstance.CAROL);
        assertThat(account.has("createdAt")).isTrue();
        assertThat(account.has("updatedAt")).isTrue();
        JsonNode snapshot = read.json().get("snapshot");
        assertThat(snapshot.get("customer").asText()).isEqualTo(account.get("customer").asText());
        assertThat(snapshot.has("subscriptions")).isTrue();
        assertThat(snapshot.has("invoices")).as("billing details in full").isTrue();
        assertThat(snapshot.has("payments")).isTrue();
        assertThat(snapshot.has("paymentMethods")).isTrue();
        assertThat(snapshot.get("syncedAt").isNull()).isFalse();
        assertThat(read.body()).as("no email").doesNotContain("@").doesNotContain("email");

        String actor = "admin:" + "support-%";
        assertThat(audited(actor, "admin.account.sync", "allowed")).isPositive();
        assertThat(audited(actor, "admin.account.read", "allowed")).isPositive();
    }

    @Test
    void anOwnerWithoutAccountIsNotFoundAndABadOwnerTypeIsRefused() {
        String token = newAdminToken();
        assertError(admin("GET", "/admin/v1/accounts/user/user_nobody", token), 404, "account_not_found");
        assertError(admin("POST", "/admin/v1/accounts/organization/org_nobody/sync", token), 404, "account_not_found");
        assertError(admin("GET", "/admin/v1/accounts/team/x", token), 400, "invalid_owner");
        assertThat(audited("admin:support-%", "admin.account.read", "failed")).isPositive();
    }

    @Test
    void everyMalformedAdminRequestIsRefusedWith400AndStillAuditedUnderItsAdmin() {
        String name = "malformed-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create(name, SystemFixtures.READ_WRITE);
        String[][] cases = {
            {"GET", "/admin/v1/accounts/USER/user_1", "invalid_owner"},
            {"POST", "/admin/v1/accounts/USER/user_1/sync", "invalid_owner"},
            {"GET", "/admin/v1/accounts/user/user_%22x%22", "invalid_owner"},
            {"POST", "/admin/v1/accounts/organization/org_%27x%27/sync", "invalid_owner"},
            {"POST", "/admin/v1/webhook-events/paypal/evt_1/retry", "invalid_source"},
            {"GET", "/admin/v1/webhook-events?status=lost", "invalid_status"},
            {"GET", "/admin/v1/webhook-events?limit=abc", "invalid_limit"},
            {"GET", "/admin/v1/webhook-events?limit=2.5", "invalid_limit"},
            {"GET", "/admin/v1/audit?limit=abc", "invalid_limit"},
            {"GET", "/admin/v1/audit?limit=99999999999", "invalid_limit"},
            {"GET", "/admin/v1/audit?limit=0", "invalid_limit"},
        };
        for (String[] c : cases) {
            assertError(admin(c[0], c[1], token), 400, c[2]);
        }
        List<String> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT outcome || ' ' || detail || ' ' || coalesce(owner_key, '-') || ' ' || (request_id IS NOT NULL) "
                        + "FROM audit_log WHERE actor = :actor ORDER BY id")
                .bind("actor", "admin:" + name).mapTo(String.class).list());
        assertThat(rows).as("one audit row per request, in order").containsExactly(
                Arrays.stream(cases).map(c -> "failed " + c[2] + " - true").toArray(String[]::new));
    }

    @Test
    void everyAdminAnswerSuccessOrErrorIsMarkedNoStore() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        assertThat(system.call("POST", "/v1/billing/checkout-sessions").bearer(carol)
                .json(checkoutBody("user", "pro_monthly", "")).send().status()).isEqualTo(201);
        String token = newAdminToken();
        String account = "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL;
        Reply[] replies = {
            admin("GET", account, token),
            admin("POST", account + "/sync", token),
            admin("GET", "/admin/v1/accounts/user/user_nobody", token),
            admin("POST", "/admin/v1/accounts/USER/user_nobody/sync", token),
            admin("GET", "/admin/v1/webhook-events", token),
            admin("GET", "/admin/v1/webhook-events?limit=abc", token),
            admin("POST", "/admin/v1/webhook-events/stripe/evt_nothing_failed/retry", token),
            admin("GET", "/admin/v1/audit", token),
            admin("GET", "/admin/v1/audit", AdminTokenFormat.generate()),
            system.call("GET", "/admin/v1/audit").send(),
            admin("GET", "/admin/v1/no-such-endpoint", token),
        };
        assertThat(Arrays.stream(replies).map(Reply::status)).contains(200, 400, 401, 404);
        for (Reply reply : replies) {
            assertThat(reply.headers().allValues("Cache-Control")).as("Cache-Control of a %d: %s", reply.status(),
                    reply.body()).containsExactly("no-store");
        }
    }

    @Test
    void failedWebhookEventsAreListedAndRetried() {
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        Instant later = Instant.now().plus(Duration.ofDays(1));
        String eventId = "evt_admin_" + UUID.randomUUID().toString().replace("-", "");
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent(eventId, "invoice.paid",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_nobody"))), later);
        ledger.markFailed(WebhookSource.STRIPE, eventId, later, "provider_unavailable");
        String token = newAdminToken();

        Reply failed = admin("GET", "/admin/v1/webhook-events?status=failed&limit=10", token);
        assertThat(failed.status()).as(failed.body()).isEqualTo(200);
        JsonNode row = failed.json().get("data").get(0);
        assertThat(row.get("eventId").asText()).isEqualTo(eventId);
        assertThat(row.get("source").asText()).isEqualTo("stripe");
        assertThat(row.get("type").asText()).isEqualTo("invoice.paid");
        assertThat(row.get("subject").asText()).isEqualTo("cus_nobody");
        assertThat(row.get("status").asText()).isEqualTo("failed");
        assertThat(row.get("attempts").asInt()).isEqualTo(1);
        assertThat(row.get("lastErrorCode").asText()).isEqualTo("provider_unavailable");
        assertThat(row.has("nextAttemptAt")).isTrue();
        assertThat(admin("GET", "/admin/v1/webhook-events?status=processed", token).json().get("data"))
                .noneMatch(e -> e.get("eventId").asText().equals(eventId));
        assertThat(admin("GET", "/admin/v1/webhook-events", token).status()).isEqualTo(200);

        Reply retried = admin("POST", "/admin/v1/webhook-events/stripe/" + eventId + "/retry", token);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id = '" + eventId
                + "' AND next_attempt_at < now() + interval '1 hour'")).as("due now, not tomorrow").isEqualTo(1);
        assertThat(audited("admin:support-%", "admin.webhook_events.retry", "allowed")).isPositive();
        assertThat(audited("admin:support-%", "admin.webhook_events.list", "allowed")).isPositive();

        assertError(admin("POST", "/admin/v1/webhook-events/stripe/evt_unknown/retry", token), 404,
                "failed_event_not_found");
        assertError(admin("POST", "/admin/v1/webhook-events/paypal/" + eventId + "/retry", token), 400,
                "invalid_source");
        assertError(admin("GET", "/admin/v1/webhook-events?status=lost", token), 400, "invalid_status");
        assertError(admin("GET", "/admin/v1/webhook-events?limit=0", token), 400, "invalid_limit");
    }

    @Test
    void auditShowsTheNewestEntriesWithTheAdminAsActor() {
        String name = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create(name, SystemFixtures.READ_WRITE);
        admin("GET", "/admin/v1/accounts/user/user_nobody", token);

        Reply audit = admin("GET", "/admin/v1/audit?limit=5", token);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonNode newest = audit.json().get("data").get(0);
        assertThat(newest.get("actor").asText()).isEqualTo("admin:" + name);
        assertThat(newest.get("action").asText()).isEqualTo("admin.account.read");
        assertThat(newest.get("owner").asText()).isEqualTo("user:user_nobody");
        assertThat(audit.json().get("data").size()).isLessThanOrEqualTo(5);
        assertThat(audited("admin:" + name, "admin.audit.read", "allowed")).isEqualTo(1);
    }

    @Test
    void onlyValidAdminTokensOpenTheAdminApi() {
        String path = "/admin/v1/audit";
        long deniedBefore = audited("admin:unknown", "admin.authenticate", "denied");
        assertError(system.call("GET", path).send(), 401, "admin_token_missing");
        assertError(admin("GET", path, system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME))), 401,
                "admin_token_invalid");
        assertError(system.call("GET", path).header("Cookie",
                "__session=" + system.token(ClerkDevInstance.CAROL, Optional.empty())).send(), 401, "admin_token_missing");
        assertError(admin("GET", path, AdminTokenFormat.generate()), 401, "admin_token_invalid");
        assertError(admin("GET", path, "not-a-token"), 401, "admin_token_invalid");

        String name = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String revoked = tokens.create(name, SystemFixtures.READ_WRITE);
        assertThat(admin("GET", path, revoked).status()).isEqualTo(200);
        tokens.revoke(name);
        assertError(admin("GET", path, revoked), 401, "admin_token_invalid");
        assertThat(audited("admin:unknown", "admin.authenticate", "denied"))
                .as("six refusals of two kinds write at most one row per kind per window")
                .isBetween(deniedBefore, deniedBefore + 2);
    }

    @Test
    void junkAdminTokensLeaveAFewAuditRowsAndARealAdminActionStaysInView() {
        String name = "before-junk-" + UUID.randomUUID().toString().substring(0, 8);
        String token = tokens.create(name, SystemFixtures.READ_WRITE);
        assertError(admin("GET", "/admin/v1/accounts/user/user_nobody", token), 404, "account_not_found");
        long deniedBefore = audited("admin:unknown", "admin.authenticate", "denied");

        for (int i = 0; i < 100; i++) {
            assertError(system.call("GET", "/admin/v1/audit").send(), 401, "admin_token_missing");
            assertError(admin("GET", "/admin/v1/audit", i % 2 == 0 ? AdminTokenFormat.generate() : "junk-" + i), 401,
                    "admin_token_invalid");
        }

        assertThat(audited("admin:unknown", "admin.authenticate", "denied"))
                .as("200 junk requests write at most one row per refusal reason")
                .isBetween(deniedBefore, deniedBefore + 2);
        Reply audit = admin("GET", "/admin/v1/audit?limit=5", token);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<String> shown = new ArrayList<>();
        audit.json().get("data").forEach(entry -> shown.add(entry.get("actor").asText() + " "
                + entry.get("action").asText()));
        assertThat(shown).as("the admin's action before the junk is still among the newest five")
                .contains("admin:" + name + " admin.account.read");
    }

    @Test
    void anAdminTokenIsNotASessionToken() {
        String token = newAdminToken();
        assertThat(admin("GET", "/v1/billing/customer?owner=user", token).status()).isEqualTo(401);
        assertThat(system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "pro_monthly", "")).send().status()).isEqualTo(401);
    }

    @Test
    void backfillCreatesACustomerForEverySeededOwnerOnceAndReconcileFixSyncsTheirSnapshots() throws Exception {
        Path config = sandboxConfig(system, dir);

        Output first = run("backfill", config.toString());
        assertThat(first.error()).as(first.stderr()).isEmpty();
        assertThat(first.stdout())
                .containsPattern("users: \\d+ customer\\(s\\) created, 0 recovered after a crash, \\d+ already had one,"
                        + " 0 failed")
                .containsPattern("organizations: \\d+ customer\\(s\\) created, 0 recovered after a crash, \\d+ already"
                        + " had one, 0 failed");
        for (String user : new String[] {ClerkDevInstance.ALICE, ClerkDevInstance.BOB, ClerkDevInstance.CAROL,
                ClerkDevInstance.DAVE}) {
            assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = 'user' AND owner_id = '"
                    + user + "' AND customer_id IS NOT NULL")).as(user).isEqualTo(1);
        }
        for (String org : new String[] {ClerkDevInstance.ACME, ClerkDevInstance.GLOBEX}) {
            assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = 'organization' "
                    + "AND owner_id = '" + org + "' AND customer_id IS NOT NULL")).as(org).isEqualTo(1);
        }
        long customers = system.count("SELECT count(*) FROM billing_accounts WHERE customer_id IS NOT NULL");

        Output second = run("backfill", config.toString());
        assertThat(second.error()).as(second.stderr()).isEmpty();
        assertThat(second.stdout())
                .contains("users: 0 customer(s) created, 0 recovered after a crash, 4 already had one, 0 failed")
                .contains("organizations: 0 customer(s) created, 0 recovered after a crash, 2 already had one, 0 failed");
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE customer_id IS NOT NULL"))
                .isEqualTo(customers);

        Output reconcile = run("reconcile", "--fix", config.toString());
        assertThat(reconcile.error()).as(reconcile.stderr()).isEmpty();
        assertThat(reconcile.stdout()).as("the server may have synced every snapshot on its customer.created events")
                .containsPattern("no drift|fixed \\d+, left for a person 0, skipped 0, failed 0");
        assertThat(system.count("SELECT count(*) FROM customer_snapshots")).isEqualTo(customers);
    }
}
