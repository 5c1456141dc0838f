package io.billingbridge.sandbox.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the dev instance routes: unknown paths, wrong methods, authentication order, metering, CORS, bodies. */
class ClerkDevRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private ClerkDevInstance clerk;

    @BeforeEach
    void start() {
        clerk = ClerkDevInstance.start(ClerkDevConfig.defaults());
    }

    @AfterEach
    void stop() {
        clerk.close();
    }

    private HttpResponse<String> call(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(clerk.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path) throws IOException, InterruptedException {
        return call(method, path, Map.of("Authorization", "Bearer " + clerk.secretKey()), null);
    }

    private HttpResponse<String> helper(String method, String path, String json)
            throws IOException, InterruptedException {
        return call(method, path, Map.of("Content-Type", "application/json"), json);
    }

    private static void assertClerkError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/errors/0/code").asText()).isEqualTo(code);
        assertThat(body.get("clerk_trace_id").asText()).isNotBlank()
                .isEqualTo(r.headers().firstValue("X-Clerk-Trace-Id").orElseThrow());
    }

    @Test
    void anUnknownPathIsAClerkShapedNotFoundWithItsTraceId() throws Exception {
        assertClerkError(call("GET", "/nothing/here", Map.of(), null), 404, "resource_not_found");
        assertClerkError(call("GET", "/v1", Map.of(), null), 404, "resource_not_found");
        assertClerkError(call("GET", "/_sandbox", Map.of(), null), 404, "resource_not_found");
        assertClerkError(helper("POST", "/_sandbox/", "{}"), 404, "resource_not_found");
        assertClerkError(helper("POST", "/_sandbox/nothing", "{}"), 404, "resource_not_found");
    }

    @Test
    void aHelperPathWithExtraSegmentsIsNotFound() throws Exception {
        String kid = clerk.currentKeyId();
        assertClerkError(helper("POST", "/_sandbox/rotate-key/now", "{}"), 404, "resource_not_found");
        assertThat(clerk.currentKeyId()).isEqualTo(kid);
        assertClerkError(helper("POST", "/_sandbox/sign-in/alice", "{\"user_id\":\"user_alice\"}"), 404,
                "resource_not_found");
    }

    @Test
    void theBackendApiAuthenticatesBeforeItRoutes() throws Exception {
        assertClerkError(call("GET", "/v1/nothing", Map.of(), null), 401, "authentication_invalid");
        assertClerkError(api("GET", "/v1/nothing"), 404, "resource_not_found");
    }

    @Test
    void aWrongMethodOnAKnownPathIsNotFoundAndChangesNothing() throws Exception {
        assertClerkError(api("DELETE", "/v1/users/user_alice"), 404, "resource_not_found");
        assertThat(clerk.user(ClerkDevInstance.ALICE)).isPresent();
        assertClerkError(api("POST", "/v1/organizations"), 404, "resource_not_found");
        assertClerkError(api("POST", "/v1/jwks"), 404, "resource_not_found");
        assertClerkError(call("POST", "/.well-known/jwks.json", Map.of(), null), 404, "resource_not_found");
        assertClerkError(call("POST", "/", Map.of(), null), 404, "resource_not_found");
        assertClerkError(call("GET", "/_sandbox/users", Map.of(), null), 404, "resource_not_found");
        assertClerkError(call("GET", "/_sandbox/organizations/org_acme", Map.of(), null), 404, "resource_not_found");
        assertThat(clerk.organization(ClerkDevInstance.ACME)).isPresent();
    }

    @Test
    void backendPathsMayEndWithASlash() throws Exception {
        HttpResponse<String> users = api("GET", "/v1/users/");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(users.body()).isArray()).isTrue();
        assertThat(JSON.readTree(api("GET", "/v1/users/user_bob/").body()).get("id").asText()).isEqualTo("user_bob");
    }

    @Test
    void jwksFetchesAreNeitherCountedAsBackendRequestsNorFailed() throws Exception {
        int backend = clerk.backendRequestCount();
        int jwks = clerk.jwksRequestCount();
        clerk.injectFailures(1, 500, Optional.empty());
        assertThat(api("GET", "/v1/jwks").statusCode()).isEqualTo(200);
        assertThat(call("GET", "/.well-known/jwks.json", Map.of(), null).statusCode()).isEqualTo(200);
        assertThat(clerk.jwksRequestCount()).isEqualTo(jwks + 2);
        assertThat(clerk.backendRequestCount()).isEqualTo(backend);
        assertClerkError(api("GET", "/v1/users/user_alice"), 500, "internal_clerk_error");
        assertThat(clerk.backendRequestCount()).isEqualTo(backend + 1);
    }

    @Test
    void anUnknownBackendPathIsCountedAndTakesAnInjectedFailure() throws Exception {
        int backend = clerk.backendRequestCount();
        clerk.injectFailures(1, 503, Optional.empty());
        assertClerkError(api("GET", "/v1/nothing"), 503, "internal_clerk_error");
        assertClerkError(api("GET", "/v1/nothing"), 404, "resource_not_found");
        assertThat(api("GET", "/v1/users/user_alice").statusCode()).isEqualTo(200);
        assertThat(clerk.backendRequestCount()).isEqualTo(backend + 3);
    }

    @Test
    void unauthenticatedBackendRequestsAreNotCounted() throws Exception {
        int backend = clerk.backendRequestCount();
        call("GET", "/v1/users", Map.of(), null);
        assertThat(clerk.backendRequestCount()).isEqualTo(backend);
    }

    @Test
    void helpersAnswerAPreflightAndCarryCorsHeadersEvenOnErrors() throws Exception {
        Map<String, String> origin = Map.of("Origin", "http://127.0.0.1:8080");
        HttpResponse<String> preflight = call("OPTIONS", "/_sandbox/sign-in", origin, null);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://127.0.0.1:8080");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("GET, POST, PATCH, DELETE, OPTIONS");
        assertThat(preflight.headers().firstValue("Vary")).contains("Origin");
        assertThat(call("OPTIONS", "/_sandbox/nothing", origin, null).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = call("POST", "/_sandbox/sign-in",
                Map.of("Origin", "http://127.0.0.1:8080", "Content-Type", "application/json"), "{}");
        assertClerkError(refused, 422, "form_param_value_invalid");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

        assertThat(call("GET", "/v1/users", origin, null).headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void helpersTakeJsonOrFormBodiesAndMapErrorsToClerkCodes() throws Exception {
        HttpResponse<String> form = call("POST", "/_sandbox/sign-in",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "user_id=user_carol");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(form.body()).get("user_id").asText()).isEqualTo("user_carol");

        assertClerkError(helper("POST", "/_sandbox/users", "{not json"), 422, "form_param_value_invalid");
        assertClerkError(helper("POST", "/_sandbox/users", "[1]"), 422, "form_param_value_invalid");
        assertClerkError(helper("POST", "/_sandbox/sign-in", "{\"user_id\":\"user_nobody\"}"), 404,
                "resource_not_found");
        assertClerkError(helper("POST", "/_sandbox/sign-in",
                "{\"user_id\":\"user_carol\",\"organization_id\":\"org_acme\"}"), 422, "form_param_value_invalid");
        assertClerkError(helper("POST", "/_sandbox/refresh", "{\"session_id\":\"sess_nothing\"}"), 401,
                "session_not_found");
        assertClerkError(helper("PATCH", "/_sandbox/users/user_nobody", "{}"), 404, "resource_not_found");
        assertClerkError(helper("POST", "/_sandbox/failures", "{\"status\":302}"), 422, "form_param_value_invalid");
    }

    @Test
    void everyResponseCarriesATraceId() throws Exception {
        assertThat(call("GET", "/", Map.of(), null).headers().firstValue("X-Clerk-Trace-Id")).isPresent();
        assertThat(api("GET", "/v1/jwks").headers().firstValue("X-Clerk-Trace-Id")).isPresent();
        HttpResponse<String> deleted = call("DELETE", "/_sandbox/users/user_carol", Map.of(), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue("X-Clerk-Trace-Id")).isPresent();
    }
}
