package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.http.AppKeyAuthFilter;
import io.billingbridge.http.RequiresAppKey;
import io.billingbridge.http.api.AppKeyMe;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.system.SystemUnderTest.Call;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application keys over real HTTP: every wrong credential on the server-to-server API, app keys on the frontend and
 * admin APIs, the audit rows refusals leave, and the key's recorded use.
 *
 * <p>Besides the shipped {@code GET /v1/usage/key} (any scope), the server under test has one more endpoint under
 * {@code /v1/usage} that accepts only {@code usage:write}, as usage reporting will: the scope check is the shipped
 * filter's, the endpoint only echoes the caller.
 */
class AppKeySystemTest {
    private static final String KEY = "/v1/usage/key";
    private static final String USAGE_WRITE_ONLY = "/v1/usage/write-probe";

    private static SystemUnderTest system;
    private static Jdbi jdbi;
    private static JdbiAppKeys keys;

    /** An endpoint under the server-to-server path that needs {@code usage:write}. */
    @Path("/v1/usage/write-probe")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class UsageWriteProbe {
        @GET
        @RequiresAppKey(AppKeyScope.USAGE_WRITE)
        public AppKeyMe probe(@Context ContainerRequestContext request) {
            return AppKeyMe.of(AppKeyAuthFilter.app(request));
        }
    }

    /** The shipped application, plus the probe. */
    static final class WithProbe extends BillingBridgeApplication {
        @Override
        public void run(BillingBridgeConfiguration configuration, Environment environment) {
            super.run(configuration, environment);
            environment.jersey().register(new UsageWriteProbe());
        }
    }

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startWith(WithProbe::new);
        jdbi = Databases.jdbi(system.database());
        keys = new JdbiAppKeys(jdbi, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static long audited(String actor, String action, String outcome, String detailPrefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE actor = :actor "
                + "AND action = :action AND outcome = :outcome AND detail LIKE :detail || '%'")
                .bind("actor", actor).bind("action", action).bind("outcome", outcome).bind("detail", detailPrefix)
                .mapTo(Long.class).one());
    }

    private static Optional<Instant> lastUsed(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_used_at FROM app_keys WHERE name = :name")
                .bind("name", name).mapTo(Instant.class).findOne());
    }

    @Test
    void everyCredentialButAnAppKeyWithTheScopeIsRefusedOnTheServerToServerApi() {
        String revoked = keys.create("revoked-service", Set.of(AppKeyScope.USAGE_WRITE));
        keys.revoke("revoked-service");
        String reader = keys.create("reports-service", Set.of(AppKeyScope.BILLING_READ));
        String session = system.token(ClerkDevInstance.CAROL, Optional.empty());
        String admin = new JdbiAdminTokens(jdbi, Clock.systemUTC()).create("ops-matrix", SystemFixtures.READ_WRITE);

        Map<String, UnaryOperator<Call>> refusedEverywhere = new LinkedHashMap<>();
        refusedEverywhere.put("no key", call -> call);
        refusedEverywhere.put("a session cookie", call -> call.header("Cookie", "__session=" + session));
        refusedEverywhere.put("unknown key", call -> call.bearer(AppKeyFormat.generate()));
        refusedEverywhere.put("revoked key", call -> call.bearer(revoked));
        refusedEverywhere.put("session token", call -> call.bearer(session));
        refusedEverywhere.put("admin token", call -> call.bearer(admin));
        refusedEverywhere.put("not a bearer", call -> call.header("Authorization", "Basic " + revoked));
        for (String path : List.of(KEY, USAGE_WRITE_ONLY)) {
            refusedEverywhere.forEach((caller, credential) -> {
                Reply reply = credential.apply(system.call("GET", path)).send();
                String code = caller.equals("no key") || caller.equals("a session cookie")
                        || caller.equals("not a bearer") ? "app_key_missing" : "app_key_invalid";
                assertError(reply, 401, code);
                assertThat(reply.json().get("error").get("type").asText()).as(caller + " on " + path)
                        .isEqualTo("authentication_error");
                assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            });
        }

        Reply withoutScope = system.call("GET", USAGE_WRITE_ONLY).bearer(reader).send();
        assertError(withoutScope, 403, "app_key_scope_required");
        assertThat(withoutScope.json().get("error").get("type").asText()).isEqualTo("permission_error");
        assertThat(withoutScope.json().get("error").get("message").asText())
                .isEqualTo("this endpoint needs an app key with the 'usage:write' scope");

        Reply readerKey = system.call("GET", KEY).bearer(reader).send();
        assertThat(readerKey.status()).as("any scope opens the key check").isEqualTo(200);
        assertThat(readerKey.json().get("name").asText()).isEqualTo("reports-service");
        assertThat(lastUsed("revoked-service")).as("a refused key is not recorded as used").isEmpty();

        assertThat(audited("app:unknown", "app.authenticate", "denied", "app_key_missing")).isPositive();
        assertThat(audited("app:unknown", "app.authenticate", "denied", "app_key_invalid")).isPositive();
        assertThat(audited("app:reports-service", "app.authenticate", "denied", "app_key_scope_required"))
                .isEqualTo(1);
        List<String> appRows = jdbi.withHandle(h -> h.createQuery(
                "SELECT a::text FROM audit_log a WHERE actor LIKE 'app:%'").mapTo(String.class).list());
        String everyAppRow = String.join("\n", appRows);
        assertThat(everyAppRow).as("no key material in the audit log").doesNotContain(revoked.substring(6))
                .doesNotContain(reader.substring(6)).doesNotContain(session).doesNotContain(admin.substring(6));
    }

    @Test
    void aKeyWithTheScopeIsAnsweredItsNameAndScopesAndItsUseIsRecorded() {
        String both = keys.create("orders-service", Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ));
        assertThat(lastUsed("orders-service")).isEmpty();

        Reply key = system.call("GET", KEY).bearer(both).send();
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        assertThat(key.json().get("name").asText()).isEqualTo("orders-service");
        assertThat(key.json().get("scopes").toString()).isEqualTo("[\"usage:write\",\"billing:read\"]");
        assertThat(key.body()).doesNotContain(both.substring(6)).doesNotContain("hash");
        assertThat(key.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        Reply probe = system.call("GET", USAGE_WRITE_ONLY).bearer(both).send();
        assertThat(probe.status()).as(probe.body()).isEqualTo(200);

        assertThat(lastUsed("orders-service")).isPresent();
        assertThat(audited("app:orders-service", "app.key.read", "allowed", "scopes=usage:write,billing:read"))
                .isEqualTo(1);
    }

    @Test
    void anAppKeyOpensNeitherTheFrontendNorTheAdminApi() {
        String key = keys.create("curious-service", Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ));

        assertError(system.call("GET", "/v1/billing/customer?owner=user").bearer(key).send(), 401, null);
        assertError(system.call("GET", "/v1/billing/prices?owner=user").bearer(key).send(), 401, null);
        assertError(system.call("GET", "/admin/v1/me").bearer(key).send(), 401, "admin_token_invalid");
        assertError(system.call("GET", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL).bearer(key).send(), 401,
                "admin_token_invalid");
        assertThat(lastUsed("curious-service")).as("never even looked up there").isEmpty();
    }
}
