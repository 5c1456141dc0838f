package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing reads answer with a strong ETag and a 304 to a matching If-None-Match, after the same authentication and
 * access check as any read; a tag names one owner's answer at one detail level, never another's.
 */
class ConditionalReadsSystemTest {
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String etag(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + reply.body()));
    }

    private static Reply read(String token, String query, String ifNoneMatch) {
        return system.call("GET", "/v1/billing/customer?" + query).bearer(token).header("If-None-Match", ifNoneMatch)
                .send();
    }

    private static void assertNotModified(Reply reply, String etag) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(304);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.headers().firstValue("ETag")).contains(etag);
        assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aCompressedAnswerCarriesItsOwnTagWhichIsAnswered304AndDecompressesToTheSameBody() throws Exception {
        String reader = system.newUser("user_gzip_reader", "Gzip");
        SystemFixtures.buyAndSync(system, reader, Optional.empty(), "user", "pro_monthly");
        SystemFixtures.settle(system);
        String token = system.token(reader, Optional.empty());
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(system.baseUrl(0) + "/v1/billing/customer?owner=user");
        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        String tag = gzipped.headers().firstValue("ETag").orElseThrow();
        Reply plain = system.call("GET", "/v1/billing/customer?owner=user").bearer(token).send();
        assertThat(tag).as("another representation, another tag").isNotEqualTo(etag(plain));
        try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.body());
        }

        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", "gzip").header("If-None-Match", tag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("Cache-Control")).contains("no-store");

        String otherUsersTag = system.call("GET", "/v1/billing/customer?owner=user")
                .bearer(system.token(ClerkDevInstance.CAROL, Optional.empty())).send().headers()
                .firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> foreign = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", "gzip")
                .header("If-None-Match", otherUsersTag.replaceFirst("\"$", "--gzip\"")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(foreign.statusCode()).as("another user's tag, compressed or not, is never a 304").isEqualTo(200);
    }

    @Test
    void theTagOfASubscribedOwnerIsAnswered304UntilTheSnapshotChanges() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(carol)
                .json(checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync").bearer(carol).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        String subscription = synced.json().get("subscriptions").get(0).get("id").asText();
        SystemFixtures.settle(system);

        Reply first = system.call("GET", "/v1/billing/customer?owner=user").bearer(carol).send();
        String tag = etag(first);
        assertThat(tag).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(etag(system.call("GET", "/v1/billing/customer?owner=user").bearer(carol).send()))
                .as("the same snapshot, the same tag").isEqualTo(tag);
        assertNotModified(read(carol, "owner=user", tag), tag);
        assertNotModified(read(carol, "owner=user", "\"other\", W/" + tag), tag);
        assertThat(read(carol, "owner=user", "*").status()).as("* confirms nothing").isEqualTo(200);

        Reply canceling = system.call("POST", "/v1/billing/subscriptions/" + subscription + "/cancel").bearer(carol)
                .json("{\"owner\":\"user\",\"at\":\"period_end\"}").send();
        assertThat(canceling.status()).as(canceling.body()).isEqualTo(200);

        Reply changed = read(carol, "owner=user", tag);
        assertThat(changed.status()).as("the snapshot changed: the body again").isEqualTo(200);
        assertThat(changed.json().get("subscriptions").get(0).get("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(etag(changed)).isNotEqualTo(tag);
        SystemFixtures.settle(system);
        String settled = etag(system.call("GET", "/v1/billing/customer?owner=user").bearer(carol).send());
        assertNotModified(read(carol, "owner=user", settled), settled);
    }

    @Test
    void anotherUsersTagGetsTheCallersOwnDataNeverA304() {
        String dave = "user_conditional_dave";
        String erin = "user_conditional_erin";
        system.sandbox().clerk().createUser(dave, "Dave", "One", "dave@example.test");
        system.sandbox().clerk().createUser(erin, "Erin", "Two", "erin@example.test");
        String daveToken = system.token(dave, Optional.empty());
        String erinToken = system.token(erin, Optional.empty());
        String daveTag = etag(system.call("GET", "/v1/billing/customer?owner=user").bearer(daveToken).send());

        Reply erinWithDavesTag = read(erinToken, "owner=user", daveTag);
        assertThat(erinWithDavesTag.status()).as("both have no customer, still not a 304").isEqualTo(200);
        assertThat(erinWithDavesTag.json().get("owner").get("id").asText()).isEqualTo(erin);
        assertThat(etag(erinWithDavesTag)).isNotEqualTo(daveTag);

        Reply unauthenticated = system.call("GET", "/v1/billing/customer?owner=user")
                .header("If-None-Match", daveTag).send();
        assertThat(unauthenticated.status()).isEqualTo(401);
        Reply forbidden = read(daveToken, "owner=organization&organizationId=" + ClerkDevInstance.ACME, daveTag);
        assertThat(forbidden.status()).as("the access check runs before any tag is compared").isEqualTo(403);
    }

    @Test
    void aMemberWithoutDetailsAndAnAdminWithDetailsGetDifferentTags() {
        String alice = system.token(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME));
        String bob = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));
        Reply admin = system.call("GET", "/v1/billing/customer?owner=organization").bearer(alice).send();
        Reply member = system.call("GET", "/v1/billing/customer?owner=organization").bearer(bob).send();
        assertThat(admin.json().has("invoices")).as(admin.body()).isTrue();
        assertThat(member.json().has("invoices")).as(member.body()).isFalse();
        assertThat(etag(member)).isNotEqualTo(etag(admin));

        Reply memberWithAdminsTag = read(bob, "owner=organization", etag(admin));
        assertThat(memberWithAdminsTag.status()).isEqualTo(200);
        assertThat(memberWithAdminsTag.json().has("invoices")).isFalse();
        assertNotModified(read(bob, "owner=organization", etag(member)), etag(member));
    }

    @Test
    void pricesAnswer304ToTheirTagAndEachOwnerTypeHasItsOwn() {
        String carol = system.token(ClerkDevInstance.CAROL, Optional.empty());
        String userTag = etag(system.call("GET", "/v1/billing/prices?owner=user").bearer(carol).send());
        String organizationTag = etag(system.call("GET", "/v1/billing/prices?owner=organization").bearer(carol).send());
        assertThat(userTag).isNotEqualTo(organizationTag);

        Reply again = system.call("GET", "/v1/billing/prices?owner=user").bearer(carol)
                .header("If-None-Match", userTag).send();
        assertNotModified(again, userTag);
        assertThat(system.call("GET", "/v1/billing/prices?owner=organization").bearer(carol)
                .header("If-None-Match", userTag).send().status()).isEqualTo(200);
        assertThat(system.call("GET", "/v1/billing/prices?owner=user").header("If-None-Match", userTag).send()
                .status()).isEqualTo(401);
    }
}
