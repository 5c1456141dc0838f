package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/v1/accounts?q=} over real HTTP, on accounts made by real checkouts of users of the Clerk dev
 * instance: tiers, pages, the masked email, the plan of a paid subscription, the errors and the audit.
 */
class AccountSearchSystemTest {
    private static final String PAID = "user_zephyr_quill";
    private static SystemUnderTest system;
    private static Jdbi jdbi;
    private static String token;
    private static String tokenName;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        jdbi = Databases.jdbi(system.database());
        tokenName = "search-" + UUID.randomUUID().toString().substring(0, 8);
        token = new JdbiAdminTokens(jdbi, Clock.systemUTC()).create(tokenName, Set.of(AdminScope.READ));
        signUpAndCheckOut(PAID, "Zephyr", "Quill", "Zephyr.Quill@quill.test");
        signUpAndCheckOut("user_zephyrine", "Zephyrine", "Moss", "zmoss@example.test");
        signUpAndCheckOut("user_zeno", "Zephyr", "Abbott", "zeno@example.test");
        signUpAndCheckOut("user_ann_t", "Ann", "Tozephyr", "ann@example.test");
        signUpAndCheckOut("user_bea", "Bea", "Stone", "bea@tozephyr.test");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** A user signs in and starts a checkout, which gives them a Stripe customer and a billing account. */
    private static String signUpAndCheckOut(String id, String first, String last, String email) {
        system.sandbox().clerk().createUser(id, first, last, email);
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(id, Optional.empty()))
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Reply search(String query) {
        return system.call("GET", "/admin/v1/accounts" + query).bearer(token).send();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Every page of a search, as "tier owner-id". */
    private static List<String> allPages(String text, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = search("?q=" + q(text) + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("data").size()).isLessThanOrEqualTo(limit);
            body.get("data").forEach(h -> seen.add(h.get("match").asText() + " " + h.get("owner").get("id").asText()));
            assertThat(body.get("hasMore").asBoolean()).isEqualTo(!body.get("nextCursor").isNull());
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        } while (cursor != null);
        return seen;
    }

    @Test
    void findsAccountsByIdCustomerAndEmailExactlyThenByPrefixThenBySubstring() {
        List<String> expected = List.of("prefix user_zeno", "prefix user_zephyr_quill", "prefix user_zephyrine",
                "contains user_ann_t", "contains user_bea");
        assertThat(allPages("zephyr", 25)).containsExactlyElementsOf(expected);
        assertThat(allPages("ZEPHYR", 2)).as("pages of 2").containsExactlyElementsOf(expected);
        assertThat(allPages("zephyr", 1)).as("pages of 1").containsExactlyElementsOf(expected);

        assertThat(allPages(PAID, 25)).containsExactly("exact user_zephyr_quill");
        assertThat(allPages("zephyr.quill@QUILL.test", 25)).containsExactly("exact user_zephyr_quill");
        String customer = search("?q=" + PAID).json().get("data").get(0).get("customer").asText();
        assertThat(customer).startsWith("cus_");
        assertThat(allPages(customer, 25)).containsExactly("exact user_zephyr_quill");
        assertThat(allPages("user_ze", 25)).containsExactly("prefix user_zeno", "prefix user_zephyr_quill",
                "prefix user_zephyrine");
        assertThat(allPages("", 100)).contains("prefix user_ann_t", "prefix user_bea", "prefix user_zeno");
    }

    @Test
    void aHitShowsTheMaskedEmailThePaidPlanAndTheSyncStateButNeverTheAddress() {
        String session = system.call("POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(PAID, Optional.empty())).json(checkoutBody("user", "pro_monthly", "")).send()
                .json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        SystemUnderTest.await("the paid plan in the search hit", Duration.ofSeconds(30),
                () -> search("?q=" + PAID).json().get("data").get(0).get("plan").size() > 0);

        Reply reply = search("?q=" + q("Zephyr.Quill@quill.test"));
        JsonNode hit = reply.json().get("data").get(0);
        assertThat(hit.get("owner").get("type").asText()).isEqualTo("user");
        assertThat(hit.get("name").asText()).isEqualTo("Zephyr Quill");
        assertThat(hit.get("email").asText()).isEqualTo("Z***@quill.test");
        assertThat(hit.get("plan").get(0).get("status").asText()).isEqualTo("active");
        assertThat(hit.get("plan").get(0).get("product").asText()).isNotBlank();
        assertThat(hit.get("syncState").asText()).isEqualTo("active");
        assertThat(hit.get("lastSyncedAt").asText()).endsWith("Z");
        assertThat(hit.get("snapshotOutOfDate").isBoolean()).isTrue();
        assertThat(hit.get("match").asText()).isEqualTo("exact");
        assertThat(reply.body()).doesNotContainIgnoringCase("zephyr.quill@");

        JsonNode unpaid = search("?q=user_zephyrine").json().get("data").get(0);
        assertThat(unpaid.get("plan")).isEmpty();
        assertThat(unpaid.get("email").asText()).isEqualTo("z***@example.test");
    }

    @Test
    void malformedSearchesAreRefusedAndEverySearchIsAuditedWithoutItsText() {
        assertError(search("?q=a&limit=0"), 400, "invalid_limit");
        assertError(search("?q=a&limit=101"), 400, "invalid_limit");
        assertError(search("?q=" + "x".repeat(201)), 400, "invalid_query");
        assertError(search("?q=zephyr&cursor=bm90LWEtY3Vyc29y"), 400, "cursor_invalid");
        String next = search("?q=zephyr&limit=1").json().get("nextCursor").asText();
        assertError(search("?q=quill&limit=1&cursor=" + next), 400, "cursor_invalid");
        assertThat(search("?q=" + "x".repeat(200)).status()).isEqualTo(200);
        assertError(system.call("GET", "/admin/v1/accounts?q=zephyr")
                .bearer(system.token(PAID, Optional.empty())).send(), 401, "admin_token_invalid");

        List<String> rows = jdbi.withHandle(h -> h.createQuery("SELECT outcome || ' ' || detail || ' ' "
                + "|| coalesce(owner_key, '-') FROM audit_log WHERE actor = :actor AND action = 'admin.accounts.search'"
                + " ORDER BY id").bind("actor", "admin:" + tokenName).mapTo(String.class).list());
        assertThat(rows).contains("failed invalid_limit -", "failed invalid_query -", "failed cursor_invalid -",
                "allowed hits=1 -", "allowed hits=0 -");
        assertThat(rows).allMatch(r -> r.matches("(allowed hits=\\d+|failed [a-z_]+) -"));
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE detail ILIKE '%zephyr%' OR detail LIKE '%@%'"))
                .as("no search text or email in the audit log").isZero();
    }
}
