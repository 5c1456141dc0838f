package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerUpdateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiWebhookLedger;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The support console's calls over real HTTP: token scopes, /me, the overview, an owner's history, push-profile. */
class AdminConsoleSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(20);
    private static SystemUnderTest system;
    private static JdbiAdminTokens tokens;
    private static Jdbi jdbi;

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

    private static String token(String prefix, Set<AdminScope> scopes) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return tokens.create(name, scopes);
    }

    private static String nameOf(String token) {
        return system.call("GET", "/admin/v1/me").bearer(token).send().json().get("name").asText();
    }

    private static Reply admin(String method, String path, String token) {
        return system.call(method, path).bearer(token).send();
    }

    private static List<String> auditRows(String actor) {
        return jdbi.withHandle(h -> h.createQuery("SELECT action || ' ' || outcome || ' ' || detail FROM audit_log "
                + "WHERE actor = :actor ORDER BY id").bind("actor", actor).mapTo(String.class).list());
    }

    /** A new Clerk user, once its user.created webhook was delivered. */
    private static String newUser(String id, String first) {
        int delivered = system.sandbox().clerk().webhookDeliveries().size();
        system.sandbox().clerk().createUser(id, first, "Tester", id.substring(5) + "@example.test");
        SystemUnderTest.await("user.created of " + id + " to be delivered", PROCESSING,
                () -> system.sandbox().clerk().webhookDeliveries().size() > delivered);
        return id;
    }

    /** Every Stripe webhook delivered and every event due processed. */
    private static void settle() {
        SystemUnderTest.await("the webhooks to be delivered and processed", PROCESSING, () ->
                system.sandbox().stripe().webhookDeliveries().stream().noneMatch(d -> d.state().equals("pending"))
                && system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed' "
                        + "AND next_attempt_at < now() + interval '1 hour'") == 0);
    }

    /** Buys the pro plan for the user, waits until every webhook of the checkout is processed; the customer id. */
    private static String buyAndSettle(String user) {
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(user, Optional.empty()))
                .json(SystemFixtures.checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        system.sandbox().stripe().completeCheckout(created.json().get("id").asText(), "4242424242424242");
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        SystemUnderTest.await("the checkout's webhooks to be processed", PROCESSING, () -> system.count(
                "SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + customer
                        + "' AND jsonb_array_length(snapshot->'subscriptions') = 1") == 1
                && system.count("SELECT count(*) FROM webhook_events WHERE work_key = '" + customer + "'") > 0);
        settle();
        return customer;
    }

    @Test
    void aReadTokenIsRefusedEveryActionWith403AndEachRefusalIsAuditedWhileAWriteTokenActs() {
        String user = newUser("user_console_scopes", "Scoped");
        String customer = buyAndSettle(user);
        String account = "/admin/v1/accounts/user/" + user;
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        String failed = "evt_console_failed_" + UUID.randomUUID().toString().replace("-", "");
        Instant later = Instant.now().plus(Duration.ofDays(1));
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent(failed, "invoice.paid",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_nobody"))), later);
        ledger.markFailed(WebhookSource.STRIPE, failed, later, "provider_unavailable");
        String[][] actions = {
            {"POST", account + "/sync", null, "admin.account.sync"},
            {"POST", account + "/relink", "{\"customer\":\"" + customer + "\"}", "admin.account.relink"},
            {"POST", account + "/push-profile", null, "admin.account.push_profile"},
            {"POST", "/admin/v1/webhook-events/stripe/" + failed + "/retry", null, "admin.webhook_events.retry"},
        };
        String reader = token("reader", Set.of(AdminScope.READ));
        String readerName = nameOf(reader);

        for (String[] action : actions) {
            SystemUnderTest.Call call = system.call(action[0], action[1]).bearer(reader);
            Reply refused = (action[2] == null ? call : call.json(action[2])).send();
            assertError(refused, 403, "admin_scope_required");
            assertThat(refused.json().get("error").get("type").asText()).isEqualTo("permission_error");
        }
        assertThat(system.count("SELECT count(*) FROM webhook_events WHERE event_id = '" + failed
                + "' AND next_attempt_at > now() + interval '1 hour'")).as("the refused retry changed nothing")
                .isEqualTo(1);
        assertThat(admin("GET", account, reader).status()).as("a read token reads").isEqualTo(200);
        List<String> expected = new ArrayList<>(List.of("admin.me.read allowed scopes=read"));
        for (String[] action : actions) {
            expected.add(action[3] + " denied admin_scope_required");
        }
        expected.add("admin.account.read allowed " + customer);
        assertThat(auditRows("admin:" + readerName)).containsExactlyElementsOf(expected);

        String writer = token("writer", SystemFixtures.READ_WRITE);
        for (String[] action : actions) {
            SystemUnderTest.Call call = system.call(action[0], action[1]).bearer(writer);
            Reply done = (action[2] == null ? call : call.json(action[2])).send();
            assertThat(done.status()).as(action[1] + ": " + done.body()).isEqualTo(200);
        }
        assertThat(auditRows("admin:" + nameOf(writer))).filteredOn(row -> row.contains(" allowed "))
                .hasSize(actions.length + 1);
    }

    @Test
    void meTellsTheTokensNameScopesAndTheServersStripeMode() {
        String reader = token("me", Set.of(AdminScope.READ));
        Reply me = admin("GET", "/admin/v1/me", reader);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("name").asText()).startsWith("me-");
        assertThat(me.json().get("scopes")).extracting(JsonNode::asText).containsExactly("read");
        assertThat(me.json().get("stripeMode").asText()).as("the sandbox key is a test key").isEqualTo("test");
        assertThat(me.json().get("stripeDashboardUrl").asText()).isEqualTo("https://dashboard.stripe.com/test");
        assertThat(me.body()).doesNotContain("sk_").doesNotContain("bbadm_");

        Reply writer = admin("GET", "/admin/v1/me", token("me-write", SystemFixtures.READ_WRITE));
        assertThat(writer.json().get("scopes")).extracting(JsonNode::asText).containsExactly("read", "write");
        assertError(system.call("GET", "/admin/v1/me").send(), 401, "admin_token_missing");
    }

    @Test
    void theOverviewCountsAccountsAndTheWebhookBacklogAfterRealFlows() {
        buyAndSettle(newUser("user_console_overview", "Overview"));
        String reader = token("overview", Set.of(AdminScope.READ));

        Reply settled = admin("GET", "/admin/v1/overview", reader);
        assertThat(settled.status()).as(settled.body()).isEqualTo(200);
        JsonNode figures = settled.json();
        assertThat(figures.get("accounts").get("active").asLong()).isPositive().isEqualTo(
                system.count("SELECT count(*) FROM billing_accounts WHERE sync_state = 'active'"));
        assertThat(figures.get("accounts").get("pending").asLong()).isEqualTo(
                system.count("SELECT count(*) FROM billing_accounts WHERE sync_state = 'pending'"));
        assertThat(figures.get("accounts").get("deleted").asLong()).isEqualTo(
                system.count("SELECT count(*) FROM billing_accounts WHERE sync_state = 'deleted'"));
        assertThat(figures.get("webhookEvents").get("pending").asLong()).isZero();
        assertThat(figures.get("oldestPendingReceivedAt").isNull()).isTrue();
        assertThat(figures.get("oldestPendingAgeSeconds").isNull()).isTrue();
        Instant lastProcessed = Instant.parse(figures.get("lastProcessedAt").asText());
        assertThat(lastProcessed).isBefore(Instant.now().plusSeconds(1)).isAfter(Instant.now().minusSeconds(120));

        system.execute("INSERT INTO webhook_events (source, event_id, type, work_kind, status, received_at, "
                + "next_attempt_at) VALUES ('stripe', 'evt_console_waiting', 'balance.available', 'none', 'pending', "
                + "now() - interval '10 minutes', now() + interval '1 day')");
        long failedEvents = system.count("SELECT count(*) FROM webhook_events WHERE status = 'failed'");
        JsonNode waiting = admin("GET", "/admin/v1/overview", reader).json();
        assertThat(waiting.get("webhookEvents").get("pending").asLong()).isEqualTo(1);
        assertThat(waiting.get("webhookEvents").get("failed").asLong()).isEqualTo(failedEvents);
        assertThat(waiting.get("oldestPendingAgeSeconds").asLong()).isBetween(600L, 700L);
        assertThat(Instant.parse(waiting.get("oldestPendingReceivedAt").asText()))
                .isBefore(Instant.now().minusSeconds(599));
        system.execute("DELETE FROM webhook_events WHERE event_id = 'evt_console_waiting'");
        assertThat(auditRows("admin:" + nameOf(reader))).contains("admin.overview.read allowed pending_events=1 "
                + "failed_events=" + failedEvents);
    }

    @Test
    void anOwnersEventsAreTheWebhooksOfItsCheckoutPageByPageAndNoOneElses() {
        String user = newUser("user_console_events", "Events");
        String customer = buyAndSettle(user);
        String other = newUser("user_console_other", "Other");
        buyAndSettle(other);
        String reader = token("events", Set.of(AdminScope.READ));
        String path = "/admin/v1/accounts/user/" + user + "/events";

        Reply all = admin("GET", path + "?limit=500", reader);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("hasMore").asBoolean()).isFalse();
        assertThat(all.json().get("nextCursor").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        all.json().get("data").forEach(e -> ids.add(e.get("source").asText() + "/" + e.get("eventId").asText()));
        assertThat(all.json().get("data").findValuesAsText("subject")).as("only this owner's work").isNotEmpty()
                .allMatch(s -> s.equals(customer) || s.equals("user:" + user));
        List<String> stripeEventsOfTheCustomer = jdbi.withHandle(h -> h.createQuery("SELECT 'stripe/' || event_id "
                + "FROM webhook_events WHERE source = 'stripe' AND work_key = :customer").bind("customer", customer)
                .mapTo(String.class).list());
        assertThat(stripeEventsOfTheCustomer).as("the checkout's webhooks").hasSizeGreaterThan(1);
        assertThat(ids).containsAll(stripeEventsOfTheCustomer).doesNotHaveDuplicates();
        assertThat(all.json().get("data").findValuesAsText("type")).contains("checkout.session.completed");
        Reply others = admin("GET", "/admin/v1/accounts/user/" + other + "/events?limit=500", reader);
        assertThat(others.json().get("data").findValuesAsText("eventId")).isNotEmpty()
                .doesNotContainAnyElementsOf(ids.stream().map(id -> id.substring(id.indexOf('/') + 1)).toList());

        List<String> paged = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Reply page = admin("GET", path + "?limit=2" + cursor.map(c -> "&cursor=" + c).orElse(""), reader);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("data").forEach(e -> paged.add(e.get("source").asText() + "/" + e.get("eventId").asText()));
            JsonNode next = page.json().get("nextCursor");
            assertThat(page.json().get("hasMore").asBoolean()).isEqualTo(!next.isNull());
            cursor = next.isNull() ? Optional.empty() : Optional.of(next.asText());
        } while (cursor.isPresent());
        assertThat(paged).as("pages of 2, newest first, without duplicates or gaps").containsExactlyElementsOf(ids);

        assertError(admin("GET", path + "?cursor=not-a-cursor", reader), 400, "cursor_invalid");
        assertError(admin("GET", path + "?limit=0", reader), 400, "invalid_limit");
        assertError(admin("GET", "/admin/v1/accounts/user/user_nobody/events", reader), 404, "account_not_found");
        assertError(admin("GET", "/admin/v1/accounts/user/user_nobody/audit", reader), 404, "account_not_found");
    }

    @Test
    void everyAdminCallIsAuditedAndAnOwnersAuditShowsTheCallsAboutIt() {
        String user = newUser("user_console_audit", "Audited");
        buyAndSettle(user);
        String writer = token("auditing", SystemFixtures.READ_WRITE);
        String account = "/admin/v1/accounts/user/" + user;
        admin("GET", "/admin/v1/me", writer);
        admin("GET", "/admin/v1/overview", writer);
        admin("GET", account, writer);
        admin("POST", account + "/sync", writer);
        admin("POST", account + "/push-profile", writer);
        admin("GET", account + "/events", writer);
        admin("GET", "/admin/v1/webhook-events", writer);
        admin("GET", "/admin/v1/audit?limit=1", writer);

        Reply audit = admin("GET", account + "/audit?limit=3", writer);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json().get("data")).hasSize(3);
        assertThat(audit.json().get("hasMore").asBoolean()).isTrue();
        assertThat(audit.json().get("data").findValuesAsText("owner")).containsOnly("user:" + user);
        assertThat(audit.json().get("data").findValuesAsText("action"))
                .containsExactly("admin.account.events.read", "admin.account.push_profile", "admin.account.sync");
        Reply rest = admin("GET", account + "/audit?limit=500&cursor=" + audit.json().get("nextCursor").asText(),
                writer);
        assertThat(rest.json().get("data").findValuesAsText("action")).contains("admin.account.read")
                .contains("checkout.create");
        assertThat(rest.json().get("hasMore").asBoolean()).isFalse();

        assertThat(auditRows("admin:" + nameOf(writer))).extracting(row -> row.substring(0, row.indexOf(' ')))
                .containsExactly("admin.me.read", "admin.overview.read", "admin.account.read", "admin.account.sync",
                        "admin.account.push_profile", "admin.account.events.read", "admin.webhook_events.list",
                        "admin.audit.read", "admin.account.audit.read", "admin.account.audit.read", "admin.me.read");
        assertThat(auditRows("admin:" + nameOf(writer))).noneMatch(row -> row.contains("@"));
    }

    @Test
    void pushProfileWritesTheClerkProfileToTheStripeCustomerAfterItWasEditedInStripe() throws StripeException {
        String user = newUser("user_console_push", "Pushy");
        Reply portal = system.call("POST", "/v1/billing/portal-sessions").bearer(system.token(user, Optional.empty()))
                .json(SystemFixtures.portalBody("user", "")).send();
        assertThat(portal.status()).as(portal.body()).isEqualTo(201);
        String customer = SystemFixtures.customersOf(system, "user", user).get(0).getId();
        StripeClient stripe = SystemFixtures.stripe(system);
        system.sandbox().clerk().updateUser(system.sandbox().clerk().user(user).orElseThrow()
                .withName("Pushy", "Renamed").withEmail("pushy.renamed@example.test"));
        SystemUnderTest.await("the user.updated webhook to rename the customer", PROCESSING, () -> {
            try {
                return "Pushy Renamed".equals(stripe.v1().customers().retrieve(customer).getName());
            } catch (StripeException e) {
                return false;
            }
        });
        stripe.v1().customers().update(customer, CustomerUpdateParams.builder().setName("Edited In Stripe")
                .setEmail("someone.else@example.test").build());
        settle();
        assertThat(stripe.v1().customers().retrieve(customer).getName()).isEqualTo("Edited In Stripe");

        Reply pushed = admin("POST", "/admin/v1/accounts/user/" + user + "/push-profile",
                token("pusher", SystemFixtures.READ_WRITE));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json().get("account").get("customer").asText()).isEqualTo(customer);
        assertThat(pushed.json().get("account").get("profileName").asText()).isEqualTo("Pushy Renamed");
        assertThat(pushed.body()).as("no email in an admin answer").doesNotContain("@");
        com.stripe.model.Customer after = stripe.v1().customers().retrieve(customer);
        assertThat(after.getName()).isEqualTo("Pushy Renamed");
        assertThat(after.getEmail()).isEqualTo("pushy.renamed@example.test");

        String writer = token("pusher", SystemFixtures.READ_WRITE);
        settle();
        system.sandbox().clerk().injectFailures(1, 429, Optional.of(Duration.ofHours(1)));
        Reply clerkDown = admin("POST", "/admin/v1/accounts/user/" + user + "/push-profile", writer);
        assertError(clerkDown, 503, "provider_unavailable");
        assertThat(clerkDown.headers().firstValue("Retry-After")).isPresent();
        assertError(admin("POST", "/admin/v1/accounts/user/user_nobody/push-profile", writer), 404,
                "account_not_found");
        system.execute("INSERT INTO billing_accounts (owner_type, owner_id, sync_state, created_at, updated_at) "
                + "VALUES ('user', 'user_console_no_customer', 'pending', now(), now())");
        assertError(admin("POST", "/admin/v1/accounts/user/user_console_no_customer/push-profile", writer), 409,
                "no_customer");
        Set<String> outcomes = new HashSet<>(auditRows("admin:" + nameOf(writer)));
        assertThat(outcomes).contains("admin.account.push_profile failed provider_unavailable",
                "admin.account.push_profile failed account_not_found",
                "admin.account.push_profile failed no_customer");
    }
}
