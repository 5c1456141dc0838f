package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static io.billingbridge.server.system.SystemFixtures.portalBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.db.JdbiWebhookLedger;
import io.billingbridge.http.ApiDocument;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the contract: it is served at {@code /openapi.json}, checked in at
 * {@code docs/openapi.json}, lists every resource method, and its schemas validate every real reply (the harness
 * checks each reply of every system test; this class makes sure every operation is exercised).
 */
class OpenApiContractSystemTest {
    /** Set to {@code true} ({@code -Dopenapi.write=true}) to rewrite the checked-in copy from the served one. */
    static final String REWRITE = "openapi.write";
    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");
    private static final String REGENERATE = "mvn -B -pl server -am verify -Dtest=OpenApiContractSystemTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + REWRITE + "=true";

    private static SystemUnderTest system;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        // One caller walks through every operation: more session-limited calls than the default burst of 10.
        system = SystemUnderTest.start(1, billing -> billing.setSessionBurst(40));
        jdbi = Databases.jdbi(system.database());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void theServedDocumentIsTheCheckedInCopy() throws IOException {
        Reply served = system.call("GET", "/openapi.json").send();
        assertThat(served.status()).as("served without credentials").isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        String normalised = ApiDocument.normalised(served.json());
        if (Boolean.getBoolean(REWRITE)) {
            Files.writeString(CHECKED_IN, normalised, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(CHECKED_IN)).as("docs/openapi.json exists; create it with: " + REGENERATE).isTrue();
        assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
                .as("docs/openapi.json is out of date; regenerate it with: " + REGENERATE)
                .isEqualTo(normalised);
        assertThat(served.json().get("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void everyResourceMethodIsInTheDocumentAndTheDocumentHasNothingElse() {
        Set<String> methods = new TreeSet<>();
        for (Class<?> resource : system.resourceClasses(0)) {
            if (resource.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                continue;
            }
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getMethods()) {
                httpMethod(method).ifPresent(verb -> methods.add(verb + " " + join(base,
                        method.isAnnotationPresent(jakarta.ws.rs.Path.class)
                                ? method.getAnnotation(jakarta.ws.rs.Path.class).value() : "")));
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : system.contract().document().get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(
                    verb -> documented.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        assertThat(methods).as("resource methods").hasSizeGreaterThanOrEqualTo(12);
        assertThat(documented).as("operations in /openapi.json").containsExactlyElementsOf(methods);
        assertThat(documented).allMatch(operation -> operation.split(" ")[1].startsWith("/v1/")
                || operation.split(" ")[1].startsWith("/admin/v1/"));
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(verb -> verb != null).map(HttpMethod::value).findFirst();
    }

    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    @Test
    void everyOperationAnswersAsDocumentedOnSuccessAndOnError() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        String alice = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String bob = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));

        system.call("GET", "/v1/billing/prices?owner=user").bearer(carol).send();
        system.call("GET", "/v1/billing/prices?owner=organization").bearer(alice).send();
        system.call("GET", "/v1/billing/prices").bearer(carol).send();
        system.call("GET", "/v1/billing/prices?owner=user").send();
        Reply prices = system.call("GET", "/v1/billing/prices?owner=user").bearer(carol).send();
        system.call("GET", "/v1/billing/prices?owner=user").bearer(carol)
                .header("If-None-Match", prices.headers().firstValue("ETag").orElseThrow()).send();
        Reply before = system.call("GET", "/v1/billing/customer?owner=user").bearer(carol).send();
        assertThat(before.json().get("customer").isNull()).as("no customer yet: null, and still there").isTrue();
        system.call("GET", "/v1/billing/customer?owner=user").bearer(carol)
                .header("If-None-Match", before.headers().firstValue("ETag").orElseThrow()).send();
        assertThat(before.json().has("invoices")).as("the owner reads the details").isTrue();

        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(carol)
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync").bearer(carol).send();
        assertThat(synced.json().get("invoices")).as(synced.body()).isNotEmpty();
        assertThat(synced.json().get("paymentMethods")).as(synced.body()).isNotEmpty();
        system.call("POST", "/v1/billing/checkout-sessions/cs_nobody/sync").bearer(carol).send();
        String subscription = "/v1/billing/subscriptions/" + synced.json().get("subscriptions").get(0).get("id")
                .asText();
        String downgrade = "{\"owner\":\"user\",\"price\":\"pro_yearly\",\"when\":\"period_end\"}";
        Reply preview = system.call("POST", subscription + "/change-preview").bearer(carol).json(downgrade).send();
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        Reply changed = system.call("POST", subscription + "/change").bearer(carol).json(downgrade).send();
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Reply withdrawn = system.call("DELETE", subscription + "/scheduled-change?owner=user").bearer(carol).send();
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        system.call("DELETE", subscription + "/scheduled-change?owner=user").bearer(carol).send();
        system.call("POST", "/v1/billing/subscriptions/sub_nobody/change").bearer(carol).json(downgrade).send();
        system.call("POST", "/v1/billing/checkout-sessions").bearer(bob)
                .json(checkoutBody("organization", "team_monthly", "")).send();
        system.call("POST", "/v1/billing/checkout-sessions").bearer(carol).json("{\"owner\":").send();
        assertThat(system.call("POST", "/v1/billing/portal-sessions").bearer(carol).json(portalBody("user", ""))
                .send().status()).isEqualTo(201);
        String subscriptionId = synced.json().get("subscriptions").get(0).get("id").asText();
        Reply canceling = system.call("POST", "/v1/billing/subscriptions/" + subscriptionId + "/cancel").bearer(carol)
                .json("{\"owner\":\"user\",\"at\":\"period_end\"}").send();
        assertThat(canceling.status()).as(canceling.body()).isEqualTo(200);
        Reply resumed = system.call("POST", "/v1/billing/subscriptions/" + subscriptionId + "/resume").bearer(carol)
                .json("{\"owner\":\"user\"}").send();
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        system.call("POST", "/v1/billing/subscriptions/" + subscriptionId + "/resume").bearer(carol)
                .json("{\"owner\":\"user\"}").send();
        system.call("POST", "/v1/billing/subscriptions/sub_nobody/cancel").bearer(carol)
                .json("{\"owner\":\"user\",\"at\":\"now\"}").send();
        Reply member = system.call("GET", "/v1/billing/customer?owner=organization").bearer(bob).send();
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(member.json().has("invoices")).as("a member does not read the details").isFalse();

        String stripeEvent = "{\"id\":\"evt_contract_1\",\"object\":\"event\",\"type\":\"customer.updated\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cus_nobody\","
                + "\"object\":\"customer\"}}}";
        system.call("POST", "/v1/webhooks/stripe")
                .header("Stripe-Signature", SystemFixtures.stripeSignature(Instant.now().getEpochSecond(), stripeEvent))
                .bytes(SystemFixtures.utf8(stripeEvent), "application/json").send();
        system.call("POST", "/v1/webhooks/stripe").bytes(SystemFixtures.utf8(stripeEvent), "application/json").send();
        String clerkEvent = "{\"data\":{\"id\":\"user_contract_nobody\",\"object\":\"user\",\"deleted\":true},"
                + "\"object\":\"event\",\"type\":\"user.deleted\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"instance_id\":\"ins_billingbridge_dev\"}";
        String now = Long.toString(Instant.now().getEpochSecond());
        system.call("POST", "/v1/webhooks/clerk").header("svix-id", "msg_contract_1").header("svix-timestamp", now)
                .header("svix-signature", "v1," + SystemFixtures.svixSignature(system, "msg_contract_1", now,
                        clerkEvent))
                .bytes(SystemFixtures.utf8(clerkEvent), "application/json").send();
        system.call("POST", "/v1/webhooks/clerk").bytes(SystemFixtures.utf8(clerkEvent), "application/json").send();

        String admin = new JdbiAdminTokens(jdbi, Clock.systemUTC())
                .create("contract-" + UUID.randomUUID().toString().substring(0, 8), SystemFixtures.READ_WRITE);
        Instant later = Instant.now().plus(Duration.ofDays(1));
        String failed = "evt_contract_failed_" + UUID.randomUUID().toString().replace("-", "");
        JdbiWebhookLedger ledger = new JdbiWebhookLedger(jdbi);
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent(failed, "invoice.paid",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_nobody"))), later);
        ledger.markFailed(WebhookSource.STRIPE, failed, later, "provider_unavailable");
        system.call("GET", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL).bearer(admin).send();
        system.call("GET", "/admin/v1/accounts/user/user_nobody").bearer(admin).send();
        system.call("GET", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL).bearer(carol).send();
        system.call("POST", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL + "/sync").bearer(admin).send();
        String carolsOwn = SystemFixtures.customersOf(system, "user", ClerkDevInstance.CAROL).get(0).getId();
        Reply relinked = system.call("POST", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL + "/relink")
                .bearer(admin).json("{\"customer\":\"" + carolsOwn + "\"}").send();
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        system.call("POST", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL + "/relink").bearer(admin)
                .json("{\"customer\":\"cus_nobody\"}").send();
        Reply events = system.call("GET", "/admin/v1/webhook-events?limit=50").bearer(admin).send();
        assertThat(events.json().get("data").findValuesAsText("subject")).contains("cus_nobody");
        assertThat(events.json().get("data").findValuesAsText("work")).contains("customer.resync");
        system.call("GET", "/admin/v1/webhook-events?limit=0").bearer(admin).send();
        system.call("POST", "/admin/v1/webhook-events/stripe/" + failed + "/retry").bearer(admin).send();
        system.call("POST", "/admin/v1/webhook-events/stripe/evt_nobody/retry").bearer(admin).send();
        system.call("GET", "/admin/v1/audit?limit=20").bearer(admin).send();
        system.call("GET", "/admin/v1/audit").send();
        String account = "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL;
        String reader = new JdbiAdminTokens(jdbi, Clock.systemUTC())
                .create("contract-read-" + UUID.randomUUID().toString().substring(0, 8), Set.of(AdminScope.READ));
        system.call("GET", "/admin/v1/me").bearer(reader).send();
        system.call("GET", "/admin/v1/me").send();
        system.call("GET", "/admin/v1/overview").bearer(reader).send();
        Reply firstEvents = system.call("GET", account + "/events?limit=1").bearer(reader).send();
        assertThat(firstEvents.status()).as(firstEvents.body()).isEqualTo(200);
        system.call("GET", account + "/events?limit=1&cursor=" + firstEvents.json().get("nextCursor").asText())
                .bearer(reader).send();
        system.call("GET", account + "/events?cursor=bad").bearer(reader).send();
        system.call("GET", "/admin/v1/accounts/user/user_nobody/events").bearer(reader).send();
        Reply firstAudit = system.call("GET", account + "/audit?limit=1").bearer(reader).send();
        system.call("GET", account + "/audit?cursor=" + firstAudit.json().get("nextCursor").asText()).bearer(reader)
                .send();
        system.call("GET", account + "/audit?limit=0").bearer(reader).send();
        system.call("POST", account + "/sync").bearer(reader).send();
        system.call("POST", account + "/push-profile").bearer(reader).send();
        Reply pushed = system.call("POST", account + "/push-profile").bearer(admin).send();
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        system.call("POST", "/admin/v1/accounts/user/user_nobody/push-profile").bearer(admin).send();
        Reply found = system.call("GET", "/admin/v1/accounts?q=" + ClerkDevInstance.CAROL).bearer(admin).send();
        assertThat(found.json().get("data").findValuesAsText("match")).containsExactly("exact");
        system.call("GET", "/admin/v1/accounts?limit=0").bearer(admin).send();
        system.execute("INSERT INTO event_outbox (event_id, endpoint, type, owner_key, payload, created_at, "
                + "next_attempt_at, retries_from, attempts, given_up_at, last_error) VALUES ('msg_contract1', "
                + "'http://127.0.0.1:9/billing-events', 'usage.rejected', 'user:" + ClerkDevInstance.CAROL + "', "
                + "'{\"type\": \"usage.rejected\"}', now(), now(), now(), 3, now(), 'timeout')");
        Reply appEvents = system.call("GET", "/admin/v1/app-events?limit=5&state=given_up").bearer(reader).send();
        assertThat(appEvents.json().get("data").findValuesAsText("eventId")).contains("msg_contract1");
        system.call("GET", "/admin/v1/app-events?type=invoice.paid").bearer(reader).send();
        Reply retriedDelivery = system.call("POST", "/admin/v1/app-events/msg_contract1/retry").bearer(admin)
                .json("{\"endpoint\": \"http://127.0.0.1:9/billing-events\"}").send();
        assertThat(retriedDelivery.status()).as(retriedDelivery.body()).isEqualTo(200);
        system.call("POST", "/admin/v1/app-events/msg_contractnobody/retry").bearer(admin)
                .json("{\"endpoint\": \"http://127.0.0.1:9/billing-events\"}").send();
        String appKey = new JdbiAppKeys(jdbi, Clock.systemUTC())
                .create("contract-" + UUID.randomUUID().toString().substring(0, 8), Set.of(AppKeyScope.USAGE_WRITE));
        system.call("GET", "/v1/billing/usage?owner=user").bearer(carol).send();
        system.call("GET", "/v1/billing/usage?owner=user&meter=calls").bearer(carol).send();
        system.call("GET", "/v1/usage/key").bearer(appKey).send();
        system.call("GET", "/v1/usage/key").bearer(admin).send();
        MeteredCustomers metered = new MeteredCustomers(system);
        com.stripe.model.billing.Meter meter = metered.meter("contract_calls");
        io.billingbridge.core.owner.Owner usageOwner = io.billingbridge.core.owner.Owner.user("user_contract_usage");
        metered.subscribe(metered.customer(usageOwner), metered.meteredPrice(meter, 2));
        String usage = "{\"ownerType\":\"user\",\"ownerId\":\"user_contract_usage\",\"event\":\""
                + meter.getEventName() + "\",\"value\":3,\"identifier\":\"contract-1\"}";
        system.call("POST", "/v1/usage").bearer(appKey).json(usage).send();
        system.call("POST", "/v1/usage").bearer(appKey).json("{\"events\":[]}").send();

        Set<String> expected = new HashSet<>(Set.of(
                "GET /v1/billing/prices 400", "GET /v1/billing/prices 401", "GET /v1/billing/prices 304",
                "GET /v1/billing/customer 304", "GET /v1/billing/usage 400",
                "POST /v1/billing/checkout-sessions 400", "POST /v1/billing/checkout-sessions 403",
                "POST /v1/billing/checkout-sessions/{id}/sync 404",
                "POST /v1/billing/subscriptions/{id}/resume 409", "POST /v1/billing/subscriptions/{id}/cancel 404",
                "POST /v1/webhooks/stripe 400", "POST /v1/webhooks/clerk 400",
                "GET /admin/v1/accounts/{ownerType}/{ownerId} 404", "GET /admin/v1/accounts/{ownerType}/{ownerId} 401",
                "POST /admin/v1/accounts/{ownerType}/{ownerId}/relink 404",
                "GET /admin/v1/webhook-events 400", "POST /admin/v1/webhook-events/{source}/{eventId}/retry 404",
                "GET /admin/v1/audit 401",
                "GET /admin/v1/me 401",
                "GET /admin/v1/accounts/{ownerType}/{ownerId}/events 400",
                "GET /admin/v1/accounts/{ownerType}/{ownerId}/events 404",
                "GET /admin/v1/accounts/{ownerType}/{ownerId}/audit 400",
                "POST /admin/v1/accounts/{ownerType}/{ownerId}/sync 403",
                "POST /admin/v1/accounts/{ownerType}/{ownerId}/push-profile 403",
                "POST /admin/v1/accounts/{ownerType}/{ownerId}/push-profile 404",
                "GET /admin/v1/accounts 400",
                "GET /v1/usage/key 401", "POST /v1/usage 400",
                "GET /admin/v1/app-events 400", "POST /admin/v1/app-events/{eventId}/retry 404"));
        expected.addAll(successes());
        assertThat(system.contract().validated()).as("replies validated against the document")
                .containsAll(expected);
    }

    /** Each documented operation with its success status, as {@code "GET /path 200"}. */
    private static Set<String> successes() {
        Set<String> successes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : system.contract().document().get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operation.getValue().get("responses").fieldNames().forEachRemaining(status -> {
                    if (status.startsWith("2")) {
                        successes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                                + status);
                    }
                });
            }
        }
        assertThat(successes).hasSizeGreaterThanOrEqualTo(12);
        return successes;
    }
}
