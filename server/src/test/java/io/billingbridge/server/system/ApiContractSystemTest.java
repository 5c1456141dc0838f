package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract: one error shape, nothing internal, request ids, CORS, the body limit and the session cookie. */
class ApiContractSystemTest {
    private static final String CHECKOUT = "/v1/billing/checkout-sessions";
    /** Over the default body limit of 256 KiB. */
    private static final int OVER_THE_LIMIT = 300 * 1024;
    private static SystemUnderTest system;

    private long accountsBefore;
    private long sessionsAuditedBefore;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @BeforeEach
    void rememberWhatIsStored() {
        accountsBefore = system.count("SELECT count(*) FROM billing_accounts");
        sessionsAuditedBefore = system.count("SELECT count(*) FROM audit_log WHERE outcome = 'allowed'");
    }

    private static String carol() {
        return system.token(ClerkDevInstance.CAROL, Optional.empty());
    }

    private static String alice() {
        return system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
    }

    private void assertNothingStored() {
        assertThat(system.count("SELECT count(*) FROM billing_accounts")).as("billing accounts").isEqualTo(accountsBefore);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE outcome = 'allowed'")).as("sessions started")
                .isEqualTo(sessionsAuditedBefore);
    }

    private static Reply checkout(String token, String json) {
        return system.call("POST", CHECKOUT).bearer(token).json(json).send();
    }

    @Test
    void malformedJsonIsRefusedWithTheErrorShape() {
        assertError(checkout(carol(), "{\"owner\":\"user\",\"price\":"), 400, "invalid_json");
        assertError(checkout(carol(), "[1,2,3]"), 400, "invalid_json");
        assertError(checkout(carol(), "{\"owner\":\"user\",\"quantity\":\"many\"}"), 400, "invalid_json");
        assertNothingStored();
    }

    @Test
    void aMissingBodyIsRefused() {
        assertError(checkout(carol(), ""), 400, "parameter_missing");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(carol()).json("").send(), 400,
                "parameter_missing");
        assertNothingStored();
    }

    @Test
    void anUnknownOwnerIsRefused() {
        assertError(checkout(carol(), checkoutBody("team", "pro_monthly", "")), 400, "invalid_owner");
        assertError(checkout(carol(), "{\"price\":\"pro_monthly\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                + "/ok\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN + "/no\"}"), 400, "invalid_owner");
        assertError(system.call("GET", "/v1/billing/customer?owner=everyone").bearer(carol()).send(), 400,
                "invalid_owner");
        assertError(system.call("GET", "/v1/billing/prices").bearer(carol()).send(), 400, "invalid_owner");
        assertError(checkout(carol(), checkoutBody("user", "pro_monthly", ",\"organizationId\":\"org_acme\"")), 400,
                "invalid_owner");
        assertNothingStored();
    }

    @Test
    void aPriceTheOwnerCannotBuyIsNotAvailable() {
        assertError(checkout(carol(), checkoutBody("user", "no_such_price", "")), 400, "price_not_available");
        assertError(checkout(carol(), checkoutBody("user", "price_doesnotexist", "")), 400, "price_not_available");
        assertError(checkout(carol(), checkoutBody("user", "team_monthly", "")), 400, "price_not_available");
        assertError(checkout(alice(), checkoutBody("organization", "pro_monthly", "")), 400, "price_not_available");
        assertNothingStored();
    }

    @Test
    void aQuantityOutsideThePricesBoundsIsRefused() {
        assertError(checkout(carol(), checkoutBody("user", "credits_100", ",\"quantity\":11")), 400,
                "quantity_out_of_range");
        assertError(checkout(carol(), checkoutBody("user", "credits_100", ",\"quantity\":0")), 400,
                "quantity_out_of_range");
        assertError(checkout(carol(), checkoutBody("user", "credits_100", ",\"quantity\":-3")), 400,
                "quantity_out_of_range");
        assertError(checkout(alice(), checkoutBody("organization", "team_monthly", ",\"quantity\":50")), 400,
                "quantity_not_adjustable");
        assertNothingStored();
    }

    @Test
    void redirectsToAnotherOriginAreRefused() {
        String elsewhere = "{\"owner\":\"user\",\"price\":\"pro_monthly\",\"successUrl\":\"https://evil.test/ok\","
                + "\"cancelUrl\":\"" + SystemUnderTest.ORIGIN + "/no\"}";
        assertError(checkout(carol(), elsewhere), 400, "url_not_allowed");
        String sneaky = "{\"owner\":\"user\",\"price\":\"pro_monthly\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                + ".evil.test/ok\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN + "/no\"}";
        assertError(checkout(carol(), sneaky), 400, "url_not_allowed");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(carol())
                .json("{\"owner\":\"user\",\"returnUrl\":\"https://evil.test/back\"}").send(), 400, "url_not_allowed");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(carol())
                .json("{\"owner\":\"user\",\"returnUrl\":\"javascript:alert(1)\"}").send(), 400, null);
        assertNothingStored();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] big = new byte[OVER_THE_LIMIT];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertError(system.call("POST", CHECKOUT).bearer(carol()).bytes(big, "application/json").send(), 413,
                "payload_too_large");

        Reply chunked = send(HttpRequest.newBuilder(URI.create(system.baseUrl(0) + CHECKOUT))
                .header("Authorization", "Bearer " + carol()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertError(chunked, 413, "payload_too_large");

        assertError(system.call("POST", "/v1/webhooks/stripe").bytes(big, "application/json").send(), 413,
                "payload_too_large");
        assertNothingStored();
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertError(system.call("GET", "/v1/nothing-here").bearer(carol()).send(), 404, "not_found");
        assertError(system.call("GET", "/v1/billing/nothing-here").send(), 404, "not_found");
        assertError(system.call("GET", "/").send(), 404, "not_found");
        assertError(system.call("DELETE", "/v1/billing/prices?owner=user").bearer(carol()).send(), 405,
                "method_not_allowed");
        assertError(system.call("GET", CHECKOUT).bearer(carol()).send(), 405, "method_not_allowed");
        assertError(system.call("GET", "/v1/webhooks/stripe").send(), 405, "method_not_allowed");
        assertError(system.call("PUT", "/v1/billing/portal-sessions").bearer(carol()).json("{}").send(), 405,
                "method_not_allowed");
        assertNothingStored();
    }

    @Test
    void noResponseRevealsInternalsAndEveryResponseHasARequestId() {
        Reply[] replies = {
            system.call("GET", "/v1/billing/prices?owner=user").bearer(carol()).send(),
            system.call("GET", "/v1/billing/customer?owner=user").bearer(carol()).send(),
            system.call("GET", "/v1/billing/customer?owner=user").bearer("not.a.token").send(),
            system.call("GET", "/v1/billing/customer?owner=user").send(),
            system.call("GET", "/v1/billing/customer?owner=organization&organizationId=org_x").bearer(alice()).send(),
            checkout(carol(), "{\"owner\":\"user\",\"price\":\"'; DROP TABLE billing_accounts; --\","
                    + "\"successUrl\":\"" + SystemUnderTest.ORIGIN + "/a\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN
                    + "/b\"}"),
            checkout(carol(), "{\"owner\":\"user\",\"price\":\"pro_monthly\",\"successUrl\":\"%%%\"}"),
            checkout(carol(), "{\"owner\":\"user\",\"price\":\"pro_monthly\",\"quantity\":99999999999999999999999}"),
            checkout(carol(), "{\"owner\":\"user\"" + ",\"x\":[".repeat(300) + "]".repeat(300) + "}"),
            system.call("POST", CHECKOUT).bearer(carol()).bytes("owner=user".getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded").send(),
            system.call("POST", CHECKOUT).bearer(carol()).bytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1},
                    "application/json").send(),
            system.call("POST", "/v1/billing/checkout-sessions/cs_'%20OR%201=1/sync").bearer(carol()).send(),
            system.call("POST", "/v1/webhooks/stripe").json("{}").send(),
            system.call("POST", "/v1/webhooks/clerk").json("{}").send(),
            system.call("POST", "/v1/webhooks/stripe").header("Stripe-Signature", "t=1,v1=00").json("not json").send(),
            system.call("GET", "/v1/nothing-here").send(),
        };
        for (Reply reply : replies) {
            SystemFixtures.assertNothingInternal(reply);
            assertThat(reply.status()).as(reply.body()).isLessThan(500);
            assertThat(reply.headers().firstValue("Request-Id")).as("Request-Id of a %d", reply.status()).isPresent()
                    .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
            if (reply.status() >= 400) {
                assertError(reply, reply.status(), null);
            }
        }
        assertThat(Arrays.stream(replies).map(r -> r.headers().firstValue("Request-Id").orElseThrow()).distinct())
                .hasSize(replies.length);
        assertNothingStored();
    }

    @Test
    void anAllowedOriginGetsCorsWithCredentials() {
        Reply reply = system.call("GET", "/v1/billing/prices?owner=user").bearer(carol())
                .header("Origin", SystemUnderTest.ORIGIN).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SystemUnderTest.ORIGIN);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(reply.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .as("the browser client reads the ETag").contains("ETag");

        Reply refused = system.call("GET", "/v1/billing/prices?owner=user").header("Origin", SystemUnderTest.ORIGIN)
                .send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as("so the app can read the 401")
                .hasValue(SystemUnderTest.ORIGIN);

        Reply preflight = system.call("OPTIONS", CHECKOUT).header("Origin", SystemUnderTest.ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Request-Id")).isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SystemUnderTest.ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("POST").contains("GET");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("content-type").contains("if-none-match");

        Reply withdrawPreflight = system.call("OPTIONS", "/v1/billing/subscriptions/sub_123/scheduled-change?owner=user")
                .header("Origin", SystemUnderTest.ORIGIN).header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization").send();
        assertThat(withdrawPreflight.status()).isEqualTo(204);
        assertThat(withdrawPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .as("the browser client withdraws a scheduled change with DELETE").contains("DELETE");
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        for (String origin : new String[] {"https://evil.test", "http://app.test.evil.test", "null",
                SystemUnderTest.ORIGIN + ":8080"}) {
            Reply reply = system.call("GET", "/v1/billing/prices?owner=user").bearer(carol()).header("Origin", origin)
                    .send();
            assertThat(reply.headers().map().keySet()).as("headers for Origin %s", origin)
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));

            Reply preflight = system.call("OPTIONS", CHECKOUT).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST").send();
            assertThat(preflight.headers().map().keySet()).as("preflight headers for Origin %s", origin)
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void theSessionCookieAuthenticatesWhenThereIsNoAuthorizationHeader() {
        Reply reply = system.call("GET", "/v1/billing/customer?owner=user")
                .header("Cookie", "theme=dark; __session=" + carol()).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("owner").get("id").asText()).isEqualTo(ClerkDevInstance.CAROL);

        Reply checkout = system.call("POST", CHECKOUT).header("Cookie", "__session=" + carol())
                .json(checkoutBody("user", "credits_100", "")).send();
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
    }

    @Test
    void aCookieAuthenticatedPostThatIsNotJsonIsRefusedSoAPlainFormCannotStartASession() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            Reply reply = system.call("POST", CHECKOUT).header("Cookie", "__session=" + carol())
                    .header("Origin", "https://evil.test")
                    .bytes(SystemFixtures.utf8(checkoutBody("user", "credits_100", "")), type).send();
            assertError(reply, 415, "unsupported_media_type");
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertNothingStored();
    }

    @Test
    void aCookieAuthenticatedSyncMustSayJsonSoAnotherSitesFormCannotTriggerIt() {
        String sync = "/v1/billing/checkout-sessions/cs_test_unknown/sync";
        assertError(system.call("POST", sync).header("Cookie", "__session=" + carol())
                .header("Origin", "https://evil.test").send(), 415, "unsupported_media_type");
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/jsonp", "*/*"}) {
            Reply reply = system.call("POST", sync).header("Cookie", "__session=" + carol())
                    .header("Origin", "https://evil.test").bytes(SystemFixtures.utf8("a=b"), type).send();
            assertError(reply, 415, "unsupported_media_type");
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        Reply json = system.call("POST", sync).header("Cookie", "__session=" + carol())
                .header("Content-Type", "application/json; charset=utf-8").send();
        assertError(json, 404, null);
        Reply bearer = system.call("POST", sync).bearer(carol()).send();
        assertError(bearer, 404, null);
        Reply read = system.call("GET", "/v1/billing/customer?owner=user").header("Cookie", "__session=" + carol())
                .send();
        assertThat(read.status()).as("a cookie GET needs no content type: %s", read.body()).isEqualTo(200);
        assertNothingStored();
    }

    @Test
    void aQuantityThatIsNotAJsonIntegerIsRefusedRatherThanTruncated() {
        for (String quantity : new String[] {"2.5", "2.0", "1e1", "\"3\"", "true", "[2]"}) {
            assertError(checkout(carol(), checkoutBody("user", "credits_100", ",\"quantity\":" + quantity)), 400,
                    "invalid_json");
        }
        assertNothingStored();
        Reply whole = checkout(carol(), checkoutBody("user", "credits_100", ",\"quantity\":2"));
        assertThat(whole.status()).as(whole.body()).isEqualTo(201);
    }

    @Test
    void everyBillingAnswerSuccessOrErrorIsMarkedNoStore() {
        Reply[] replies = {
            system.call("GET", "/v1/billing/prices?owner=user").bearer(carol()).send(),
            system.call("GET", "/v1/billing/prices?owner=team").bearer(carol()).send(),
            system.call("GET", "/v1/billing/customer?owner=user").bearer(carol()).send(),
            system.call("GET", "/v1/billing/customer?owner=user").send(),
            checkout(carol(), checkoutBody("user", "credits_100", "")),
            checkout(carol(), checkoutBody("user", "no_such_price", "")),
            system.call("POST", "/v1/billing/checkout-sessions/cs_test_unknown/sync").bearer(carol()).send(),
            system.call("POST", "/v1/billing/portal-sessions").bearer(carol())
                    .json(SystemFixtures.portalBody("user", "")).send(),
            system.call("POST", "/v1/billing/portal-sessions").bearer("not.a.token")
                    .json(SystemFixtures.portalBody("user", "")).send(),
            system.call("GET", "/v1/billing/no-such-endpoint").bearer(carol()).send(),
        };
        assertThat(Arrays.stream(replies).map(Reply::status)).contains(200, 201, 400, 401, 404);
        for (Reply reply : replies) {
            assertThat(reply.headers().allValues("Cache-Control")).as("Cache-Control of a %d: %s", reply.status(),
                    reply.body()).containsExactly("no-store");
        }
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIs401EvenWithAValidCookie() {
        for (String header : new String[] {"Basic dXNlcjpwYXNz", "Token " + carol(), "Bearer", "Bearer ", carol()}) {
            Reply reply = system.call("GET", "/v1/billing/customer?owner=user").header("Authorization", header)
                    .header("Cookie", "__session=" + carol()).send();
            assertError(reply, 401, null);
            assertThat(reply.body()).doesNotContain("cus_");
        }
        assertError(system.call("GET", "/v1/billing/customer?owner=user").header("Cookie", "__session=").send(), 401,
                null);
        assertError(system.call("GET", "/v1/billing/customer?owner=user").bearer("garbage")
                .header("Cookie", "__session=" + carol()).send(), 401, null);
    }

    @Test
    void refusedPostsLeaveTheKeepAliveConnectionUsableForTheNextRequest() {
        String body = checkoutBody("user", "credits_100", "");
        int answered = 0;
        for (int i = 0; i < 200; i++) {
            SystemUnderTest.Call call = system.call("POST", i % 3 == 2 ? "/v1/billing/prices" : CHECKOUT).json(body);
            if (i % 3 == 1) {
                call.bearer("not.a.token");
            }
            Reply reply = call.send();
            assertThat(reply.status()).as("request %d", i).isIn(401, 405);
            answered++;
        }
        assertThat(answered).isEqualTo(200);
    }

    /** Sends a request the harness cannot build: a body of unknown length, sent chunked. */
    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
