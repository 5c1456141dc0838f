package io.billingbridge.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAdminApiTest {
    private static final String TOKEN = "bbadm_test_9f8e7d6c";
    private static final Owner ALICE = new Owner("user", "user_alice");

    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpAdminApi api;

    private record Answer(int status, String body, String requestId) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        api = new HttpAdminApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), TOKEN,
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(request);
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        Answer answer = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        if (answer == null) {
            answer = new Answer(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"not_found\","
                    + "\"message\":\"HTTP 404 Not Found\"}}", "req_404");
        }
        if (answer.status() == 0) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = new Answer(200, "{}", null);
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (answer.requestId() != null) {
            exchange.getResponseHeaders().add("Request-Id", answer.requestId());
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void given(String request, int status, String body, String requestId) {
        answers.put(request, new Answer(status, body, requestId));
    }

    @Test
    void readsMeSendingTheTokenAsBearerAndIgnoringUnknownFields() throws Exception {
        given("GET /admin/v1/me", 200, """
                {"name": "support-alice", "scopes": ["read", "write"], "stripeMode": "test",
                 "stripeDashboardUrl": "https://dashboard.stripe.com/test", "addedLater": {"x": 1}}""", "req_1");

        Me me = api.me();

        assertThat(me).isEqualTo(new Me("support-alice", List.of("read", "write"), "test",
                "https://dashboard.stripe.com/test"));
        assertThat(me.canWrite()).isTrue();
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(api.toString()).doesNotContain(TOKEN);
    }

    @Test
    void searchesWithAnEncodedQueryAndReadsThePage() throws Exception {
        given("GET /admin/v1/accounts", 200, """
                {"object": "list", "data": [
                  {"owner": {"type": "user", "id": "user_alice"}, "customer": "cus_123", "name": "Alice Example",
                   "email": "a***@example.com", "plan": [{"product": "Pro", "status": "active"}],
                   "syncState": "active", "lastSyncedAt": "2026-11-28T20:10:00Z", "snapshotOutOfDate": false,
                   "match": "exact"},
                  {"owner": {"type": "organization", "id": "org_acme"}, "customer": null, "name": null,
                   "email": null, "plan": [], "syncState": "pending", "lastSyncedAt": null,
                   "snapshotOutOfDate": false, "match": "contains"}],
                 "hasMore": true, "nextCursor": "b3BhcXVl"}""", "req_2");

        Page<AccountHit> page = api.searchAccounts("Alice Ex&mple", 25, "c/1+2");

        assertThat(requests).containsExactly("GET /admin/v1/accounts?cursor=c%2F1%2B2&limit=25&q=Alice%20Ex%26mple");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("b3BhcXVl");
        assertThat(page.data()).hasSize(2);
        AccountHit alice = page.data().get(0);
        assertThat(alice.owner()).isEqualTo(ALICE);
        assertThat(alice.planSummary()).isEqualTo("Pro (active)");
        assertThat(alice.lastSyncedAt()).isEqualTo(Instant.parse("2026-11-28T20:10:00Z"));
        assertThat(page.data().get(1).customer()).isNull();
    }

    @Test
    void anEmptySearchSendsAnEmptyQueryToListEveryAccount() throws Exception {
        given("GET /admin/v1/accounts", 200, "{\"object\": \"list\", \"data\": [], \"hasMore\": false,"
                + " \"nextCursor\": null}", null);

        Page<AccountHit> page = api.searchAccounts("", 25, null);

        assertThat(requests).containsExactly("GET /admin/v1/accounts?limit=25&q=");
        assertThat(page.data()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void readsAnAccountWithItsWholeSnapshot() throws Exception {
        given("GET /admin/v1/accounts/user/user_alice", 200, """
                {"account": {"owner": {"type": "user", "id": "user_alice"}, "customer": "cus_123",
                  "syncState": "active", "profileName": "Alice Example", "createdAt": "2026-11-01T10:00:00Z",
                  "updatedAt": "2026-11-28T20:10:00Z", "snapshotOutOfDate": true},
                 "snapshot": {"owner": {"type": "user", "id": "user_alice"}, "customer": "cus_123",
                  "subscriptions": [{"id": "sub_1", "status": "active", "cancelAtPeriodEnd": false,
                    "trialEnd": null, "canceledAt": null, "created": "2026-11-01T10:00:00Z",
                    "items": [{"id": "si_1", "price": "price_pro", "lookupKey": "pro_monthly",
                      "product": {"id": "prod_pro", "name": "Pro"}, "quantity": 1,
                      "unitAmount": {"amount": 1200, "currency": "usd"}, "interval": "month",
                      "currentPeriodStart": "2026-11-01T10:00:00Z", "currentPeriodEnd": "2026-12-01T10:00:00Z"}]}],
                  "entitlements": ["pro_features"],
                  "invoices": [{"id": "in_1", "number": "ABC-0001", "status": "paid",
                    "total": {"amount": 1200, "currency": "usd"}, "amountPaid": {"amount": 1200, "currency": "usd"},
                    "created": "2026-11-01T10:00:00Z", "hostedInvoiceUrl": "https://invoice.example/i/1",
                    "subscription": "sub_1"}],
                  "payments": [{"id": "pi_1", "amount": {"amount": 1200, "currency": "usd"}, "status": "succeeded",
                    "created": "2026-11-01T10:00:01Z", "description": null}],
                  "paymentMethods": [{"id": "pm_1", "type": "card", "brand": "visa", "last4": "4242",
                    "expMonth": 12, "expYear": 2030, "default": true}],
                  "syncedAt": "2026-11-28T20:10:00Z", "stale": false}}""", "req_3");

        AccountDetails details = api.account(ALICE);

        assertThat(details.account().snapshotOutOfDate()).isTrue();
        Billing snapshot = details.snapshot();
        assertThat(snapshot.subscriptions().get(0).items().get(0).product().name()).isEqualTo("Pro");
        assertThat(snapshot.subscriptions().get(0).items().get(0).currentPeriodEnd())
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(snapshot.invoices().get(0).total().formatted()).isEqualTo("12.00 USD");
        assertThat(snapshot.paymentMethods().get(0).isDefault()).isTrue();
        assertThat(snapshot.payments().get(0).description()).isNull();
    }

    @Test
    void readsAnAccountWithoutASnapshotAndTheHistoryPages() throws Exception {
        given("GET /admin/v1/accounts/organization/org_acme", 200, """
                {"account": {"owner": {"type": "organization", "id": "org_acme"}, "customer": null,
                  "syncState": "pending", "profileName": null, "createdAt": "2026-11-01T10:00:00Z",
                  "updatedAt": "2026-11-01T10:00:00Z", "snapshotOutOfDate": false}, "snapshot": null}""", null);
        given("GET /admin/v1/accounts/user/user_alice/events", 200, """
                {"object": "list", "data": [{"source": "stripe", "eventId": "evt_1", "type": "invoice.paid",
                  "work": "customer.resync", "subject": "cus_123", "status": "failed", "attempts": 5,
                  "receivedAt": "2026-11-28T20:01:00Z", "nextAttemptAt": "2026-11-28T21:01:00Z",
                  "lastErrorCode": "stripe_unavailable"}], "hasMore": true, "nextCursor": "n2"}""", null);
        given("GET /admin/v1/accounts/user/user_alice/audit", 200, """
                {"object": "list", "data": [{"at": "2026-11-28T20:02:00Z", "actor": "support-alice",
                  "owner": "user:user_alice", "action": "account.sync", "outcome": "denied", "detail": "",
                  "requestId": "req_a"}], "hasMore": false, "nextCursor": null}""", null);

        assertThat(api.account(new Owner("organization", "org_acme")).snapshot()).isNull();
        Page<WebhookEvent> events = api.ownerEvents(ALICE, 50, null);
        Page<AuditEntry> audit = api.ownerAudit(ALICE, 50, "c1");

        assertThat(events.data()).singleElement().satisfies(e -> {
            assertThat(e.failed()).isTrue();
            assertThat(e.lastErrorCode()).isEqualTo("stripe_unavailable");
        });
        assertThat(events.nextCursor()).isEqualTo("n2");
        assertThat(audit.data()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("denied"));
        assertThat(requests).endsWith("GET /admin/v1/accounts/user/user_alice/events?limit=50",
                "GET /admin/v1/accounts/user/user_alice/audit?cursor=c1&limit=50");
    }

    @Test
    void readsTheOverviewWithNullAgesAndTheExistingLists() throws Exception {
        given("GET /admin/v1/overview", 200, """
                {"accounts": {"pending": 3, "active": 120, "deleted": 2},
                 "webhookEvents": {"pending": 0, "failed": 1},
                 "oldestPendingReceivedAt": null, "oldestPendingAgeSeconds": null,
                 "lastProcessedAt": "2026-11-28T20:15:00Z"}""", null);
        given("GET /admin/v1/webhook-events", 200, """
                {"object": "list", "data": [{"source": "clerk", "eventId": "msg_1", "type": "user.updated",
                  "work": "owner.changed", "subject": "user:user_alice", "status": "failed", "attempts": 3,
                  "receivedAt": "2026-11-28T20:01:00Z", "nextAttemptAt": "2026-11-28T21:01:00Z",
                  "lastErrorCode": null}]}""", null);
        given("POST /admin/v1/webhook-events/clerk/msg_1/retry", 200,
                "{\"source\": \"clerk\", \"eventId\": \"msg_1\", \"scheduled\": true}", null);

        Overview overview = api.overview();
        List<WebhookEvent> failed = api.webhookEvents("failed", 100);
        RetryScheduled retry = api.retry("clerk", "msg_1");

        assertThat(overview.accounts().active()).isEqualTo(120);
        assertThat(overview.oldestPendingAgeSeconds()).isNull();
        assertThat(failed).extracting(WebhookEvent::eventId).containsExactly("msg_1");
        assertThat(retry.scheduled()).isTrue();
        assertThat(requests).contains("GET /admin/v1/webhook-events?limit=100&status=failed",
                "POST /admin/v1/webhook-events/clerk/msg_1/retry");
    }

    @Test
    void listsAnOwnersEventDeliveriesAndRetriesOneWithItsEndpointInTheBody() throws Exception {
        given("GET /admin/v1/app-events", 200, """
                {"object": "list", "data": [{"eventId": "msg_1", "endpoint": "https://app.example/e",
                  "type": "payment.failed", "owner": {"type": "user", "id": "user_alice"}, "state": "given_up",
                  "attempts": 17, "lastErrorCode": "timeout", "createdAt": "2026-11-27T20:01:00Z",
                  "givenUpAt": "2026-11-28T20:01:00Z"}], "hasMore": false, "nextCursor": null}""", null);
        given("POST /admin/v1/app-events/msg_1/retry", 200,
                "{\"eventId\": \"msg_1\", \"endpoint\": \"https://app.example/e\", \"scheduled\": true}", null);

        Page<AppEventDelivery> page = api.appEvents(ALICE, 50, null);
        AppEventRetry retry = api.retryAppEvent("msg_1", "https://app.example/e");

        assertThat(page.data()).singleElement().satisfies(d -> {
            assertThat(d.retryable()).isTrue();
            assertThat(d.nextAttemptAt()).isNull();
            assertThat(d.owner()).isEqualTo(ALICE);
        });
        assertThat(retry.scheduled()).isTrue();
        assertThat(requests).containsExactly("GET /admin/v1/app-events?ownerType=user&ownerId=user_alice&limit=50",
                "POST /admin/v1/app-events/msg_1/retry");
        assertThat(bodies).last().isEqualTo("{\"endpoint\":\"https://app.example/e\"}");
    }

    @Test
    void anErrorCarriesTheStatusCodeMessageAndRequestIdButNotTheToken() {
        given("POST /admin/v1/accounts/user/user_alice/sync", 403, """
                {"error": {"type": "permission_error", "code": "admin_scope_required",
                 "message": "This action needs an admin token with the write scope."}}""", "req_403abc");

        AdminApiException refused = catchThrowableOfType(AdminApiException.class, () -> api.resync(ALICE));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("admin_scope_required");
        assertThat(refused.getMessage()).isEqualTo("This action needs an admin token with the write scope.");
        assertThat(refused.requestId()).contains("req_403abc");
        assertThat(refused.forPeople()).endsWith("(Request-Id: req_403abc)").doesNotContain(TOKEN);
        assertThat(refused.unauthorized()).isFalse();
    }

    @Test
    void aRefusedTokenIsUnauthorized() {
        given("GET /admin/v1/me", 401, """
                {"error": {"type": "authentication_error", "code": "admin_token_invalid",
                 "message": "The admin token is missing, unknown or revoked."}}""", "req_401");

        AdminApiException refused = catchThrowableOfType(AdminApiException.class, () -> api.me());

        assertThat(refused.unauthorized()).isTrue();
        assertThat(refused.requestId()).contains("req_401");
    }

    @Test
    void anErrorWithoutTheApisShapeIsDescribedByItsStatus() {
        given("GET /admin/v1/overview", 502, "<html>Bad gateway</html>", null);

        AdminApiException failed = catchThrowableOfType(AdminApiException.class, () -> api.overview());

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.getMessage()).isEqualTo("The server answered HTTP 502 without an error message.")
                .doesNotContain("html");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        answers.put("GET /admin/v1/me", new Answer(0, "", null));
        HttpAdminApi impatient = new HttpAdminApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TOKEN, Duration.ofMillis(300));

        AdminApiException failed = catchThrowableOfType(AdminApiException.class, impatient::me);

        assertThat(failed.status()).isEqualTo(AdminApiException.NO_RESPONSE);
        assertThat(failed.code()).isEqualTo("timeout");
        assertThat(failed.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpAdminApi nowhere = new HttpAdminApi(URI.create("http://127.0.0.1:" + closedPort), TOKEN,
                Duration.ofSeconds(2));

        AdminApiException failed = catchThrowableOfType(AdminApiException.class, nowhere::me);

        assertThat(failed.code()).isEqualTo("unreachable");
        assertThat(failed.getMessage()).startsWith("Cannot reach the server at http://127.0.0.1:" + closedPort)
                .doesNotContain(TOKEN);
    }

    @Test
    void aServerUrlEndingInTheApiPathIsUsedAsIs() throws Exception {
        given("GET /admin/v1/me", 200, """
                {"name": "ro", "scopes": ["read"], "stripeMode": "live",
                 "stripeDashboardUrl": "https://dashboard.stripe.com"}""", null);
        HttpAdminApi direct = new HttpAdminApi(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/admin/v1/"), TOKEN,
                Duration.ofSeconds(5));

        Me me = direct.me();

        assertThat(me.canWrite()).isFalse();
        assertThat(me.customerUrl("cus_9")).isEqualTo("https://dashboard.stripe.com/customers/cus_9");
    }

    @Test
    void anAnswerThatIsNotTheContractIsReportedNotThrownRaw() {
        given("GET /admin/v1/me", 200, "[1, 2, 3]", null);

        AdminApiException failed = catchThrowableOfType(AdminApiException.class, () -> api.me());

        assertThat(failed.code()).isEqualTo("unexpected_response");
    }
}
