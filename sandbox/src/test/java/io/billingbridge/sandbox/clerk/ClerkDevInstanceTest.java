package io.billingbridge.sandbox.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Clerk dev instance's HTTP surface: Backend API shapes, auth, errors, helpers and the sign-in page. */
class ClerkDevInstanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ClerkDevInstance clerk;

    @BeforeAll
    static void start() {
        clerk = ClerkDevInstance.start(ClerkDevConfig.defaults());
    }

    @AfterAll
    static void stop() {
        clerk.close();
    }

    private static HttpResponse<String> call(String method, String path, String secret, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(clerk.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return call(method, path, clerk.secretKey(), body);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void seedsTheDemoUsersOrganizationsAndRoles() {
        assertThat(clerk.users()).extracting(DevUser::id)
                .startsWith(ClerkDevInstance.ALICE, ClerkDevInstance.BOB, ClerkDevInstance.CAROL, ClerkDevInstance.DAVE);
        assertThat(clerk.memberships(ClerkDevInstance.ACME)).extracting(m -> m.userId() + "=" + m.role())
                .containsExactly("user_alice=org:admin", "user_bob=org:member");
        assertThat(clerk.memberships(ClerkDevInstance.GLOBEX)).extracting(m -> m.userId() + "=" + m.role())
                .containsExactly("user_dave=org:admin");
        assertThat(clerk.secretKey()).isEqualTo(ClerkDevConfig.DEFAULT_SECRET_KEY);
        assertThat(clerk.baseUrl().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theBackendApiWantsTheSecretKeyAndAnswersWithClerkErrors() throws Exception {
        for (String secret : new String[] {null, "sk_test_wrong"}) {
            HttpResponse<String> r = call("GET", "/v1/users/user_alice", secret, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).at("/errors/0/code").asText()).isEqualTo("authentication_invalid");
            assertThat(json(r).get("clerk_trace_id").asText()).isNotBlank();
        }
        HttpResponse<String> missing = api("GET", "/v1/users/user_nobody", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/errors/0/code").asText()).isEqualTo("resource_not_found");
        assertThat(call("GET", "/v1/jwks", null, null).statusCode()).isEqualTo(401);
        assertThat(json(api("GET", "/v1/jwks", null)).get("keys")).isNotEmpty();
        assertThat(json(call("GET", "/.well-known/jwks.json", null, null)).at("/keys/0/kty").asText())
                .isEqualTo("RSA");
    }

    @Test
    void usersComeAsABareArrayAndOrganizationsAsDataWithTotalCount() throws Exception {
        JsonNode users = json(api("GET", "/v1/users?limit=2&offset=1&order_by=%2Bcreated_at", null));
        assertThat(users.isArray()).isTrue();
        assertThat(users).extracting(u -> u.get("id").asText()).containsExactly("user_bob", "user_carol");
        assertThat(users.get(0).at("/email_addresses/0/email_address").asText()).isEqualTo("bob@acme.test");
        assertThat(api("GET", "/v1/users?limit=501", null).statusCode()).isEqualTo(422);

        JsonNode orgs = json(api("GET", "/v1/organizations?limit=1&order_by=%2Bcreated_at&include_members_count=true",
                null));
        assertThat(orgs.get("total_count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(orgs.at("/data/0/id").asText()).isEqualTo("org_acme");
        assertThat(orgs.at("/data/0/members_count").asInt()).isEqualTo(2);

        assertThat(json(api("GET", "/v1/organizations/org_acme", null)).has("members_count")).isFalse();
        assertThat(json(api("GET", "/v1/organizations/acme?include_members_count=true", null))
                .get("members_count").asInt()).isEqualTo(2);

        JsonNode memberships = json(api("GET", "/v1/organizations/org_acme/memberships?limit=1&offset=1", null));
        assertThat(memberships.get("total_count").asInt()).isEqualTo(2);
        assertThat(memberships.at("/data/0/public_user_data/user_id").asText()).isEqualTo("user_bob");
        assertThat(memberships.at("/data/0/organization/id").asText()).isEqualTo("org_acme");
        assertThat(memberships.at("/data/0/role").asText()).isEqualTo("org:member");
    }

    @Test
    void metadataPatchesDeepMergeAndNullDeletes() throws Exception {
        clerk.createUser("user_patch", "Pat", "Ch", null);
        api("PATCH", "/v1/users/user_patch/metadata", "{\"public_metadata\":{\"a\":{\"x\":1,\"y\":2},\"b\":true}}");
        JsonNode user = json(api("PATCH", "/v1/users/user_patch/metadata",
                "{\"public_metadata\":{\"a\":{\"y\":null,\"z\":3},\"b\":null}}"));
        assertThat(user.get("public_metadata")).isEqualTo(JSON.readTree("{\"a\":{\"x\":1,\"z\":3}}"));
        assertThat(api("PATCH", "/v1/users/user_patch/metadata", "{\"public_metadata\":[1]}").statusCode())
                .isEqualTo(422);
        JsonNode org = json(api("PATCH", "/v1/organizations/org_globex/metadata",
                "{\"public_metadata\":{\"plan\":\"team\"}}"));
        assertThat(org.at("/public_metadata/plan").asText()).isEqualTo("team");
    }

    @Test
    void injectedFailuresComeFirstThenNormalAnswers() throws Exception {
        HttpResponse<String> inject = call("POST", "/_sandbox/failures", null,
                "{\"count\":1,\"status\":429,\"retry_after_seconds\":7}");
        assertThat(inject.statusCode()).isEqualTo(204);
        HttpResponse<String> limited = api("GET", "/v1/users/user_alice", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(limited).at("/errors/0/code").asText()).isEqualTo("too_many_requests");
        assertThat(api("GET", "/v1/users/user_alice", null).statusCode()).isEqualTo(200);

        clerk.injectFailures(2, 502, Optional.empty());
        assertThat(api("GET", "/v1/users/user_alice", null).statusCode()).isEqualTo(502);
        assertThat(api("GET", "/v1/users/user_alice", null).statusCode()).isEqualTo(502);
        assertThat(api("GET", "/v1/users/user_alice", null).statusCode()).isEqualTo(200);
    }

    @Test
    void helperEndpointsManageUsersOrganizationsMembershipsAndKeys() throws Exception {
        JsonNode user = json(call("POST", "/_sandbox/users", null,
                "{\"first_name\":\"Gina\",\"last_name\":\"Gray\",\"email_address\":\"gina@example.test\"}"));
        String id = user.get("id").asText();
        assertThat(id).startsWith("user_");
        JsonNode org = json(call("POST", "/_sandbox/organizations", null,
                "{\"name\":\"Hooli Labs\",\"created_by\":\"" + id + "\"}"));
        String orgId = org.get("id").asText();
        assertThat(org.get("slug").asText()).isEqualTo("hooli-labs");
        assertThat(call("POST", "/_sandbox/organizations/" + orgId + "/memberships", null,
                "{\"user_id\":\"user_carol\"}").statusCode()).isEqualTo(201);
        assertThat(call("PATCH", "/_sandbox/organizations/" + orgId + "/memberships/user_carol", null,
                "{\"role\":\"org:admin\"}").statusCode()).isEqualTo(200);
        assertThat(clerk.memberships(orgId)).extracting(DevMembership::role).containsExactly("org:admin", "org:admin");
        assertThat(call("DELETE", "/_sandbox/organizations/" + orgId + "/memberships/user_carol", null, null)
                .statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/_sandbox/organizations/" + orgId, null, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/_sandbox/users/" + id, null, null).statusCode()).isEqualTo(204);
        assertThat(clerk.user(id)).isEmpty();

        String before = clerk.currentKeyId();
        JsonNode rotated = json(call("POST", "/_sandbox/rotate-key", null, null));
        assertThat(rotated.get("kid").asText()).isNotEqualTo(before).isEqualTo(clerk.currentKeyId());
        assertThat(json(call("GET", "/.well-known/jwks.json", null, null)).get("keys")).hasSize(2)
                .anySatisfy(k -> assertThat(k.get("kid").asText()).isEqualTo(before));
    }

    @Test
    void theSignInPageListsUsersAndOnlyKeepsLocalRedirects() throws Exception {
        HttpResponse<String> page = call("GET", "/?redirect_url=http%3A%2F%2F127.0.0.1%3A8080%2Fdemo", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Alice Anders", "Acme (org:admin)", "Globex (org:admin)",
                "const redirectUrl = 'http://127.0.0.1:8080/demo'");
        assertThat(call("GET", "/?redirect_url=https%3A%2F%2Fevil.example%2F", null, null).body())
                .contains("const redirectUrl = null");
    }

    @Test
    void signInFromAnotherOriginPutsThatOriginInAzpAndAllowsCredentials() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/sign-in"))
                .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:8080")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"user_dave\",\"organization_id\":\"org_globex\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("http://127.0.0.1:8080");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(json(r).get("jwt").asText()
                .split("\\.")[1]));
        assertThat(claims.get("azp").asText()).isEqualTo("http://127.0.0.1:8080");
        assertThat(claims.get("v").asInt()).isEqualTo(2);
        assertThat(claims.at("/o/rol").asText()).isEqualTo("admin");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(60);
        assertThat(claims.get("iss").asText()).isEqualTo(clerk.issuer());
    }

    @Test
    void refreshAfterTheMembershipEndsGivesAPersonalToken() throws Exception {
        clerk.createUser("user_leaver", "Lee", "Ver", null);
        clerk.addMembership(ClerkDevInstance.GLOBEX, "user_leaver", "member");
        String first = clerk.issueToken("user_leaver", Optional.of(ClerkDevInstance.GLOBEX));
        assertThat(claims(first).at("/o/rol").asText()).isEqualTo("member");
        clerk.removeMembership(ClerkDevInstance.GLOBEX, "user_leaver");
        HttpResponse<String> refreshed = HTTP.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/refresh"))
                .header("Cookie", "__session=" + first).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode claims = claims(json(refreshed).get("jwt").asText());
        assertThat(claims.has("o")).isFalse();
        assertThat(claims.get("sid").asText()).isEqualTo(claims(first).get("sid").asText());
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
