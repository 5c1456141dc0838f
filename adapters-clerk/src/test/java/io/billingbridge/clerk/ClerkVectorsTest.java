package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.webhook.WebhookWork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Tokens signed by Clerk's {@code @clerk/backend} and webhooks signed by Svix's library (tools/vectors). */
class ClerkVectorsTest {
    private static final JsonNode TOKENS = load("/vectors/clerk-tokens.json");
    private static final JsonNode WEBHOOKS = load("/vectors/svix-webhooks.json");

    private static JsonNode load(String resource) {
        try (InputStream in = ClerkVectorsTest.class.getResourceAsStream(resource)) {
            return ClerkJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static Clock clockAt(JsonNode vectors) {
        return Clock.fixed(Instant.ofEpochSecond(vectors.get("generatedAt").asLong()), ZoneOffset.UTC);
    }

    private static ClerkTokenVerifier tokenVerifier() {
        Set<String> parties = new HashSet<>();
        TOKENS.get("authorizedParties").forEach(p -> parties.add(p.asText()));
        return new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder()
                .jwtKeyPem(TOKENS.at("/keys/primary/publicKeyPem").asText())
                .authorizedParties(parties).issuer(TOKENS.get("issuer").asText()).clock(clockAt(TOKENS)).build());
    }

    @Test
    void thereAreVectorsForEveryKindOfToken() {
        assertThat(each(TOKENS.get("tokens")).map(t -> t.get("name").asText())).contains("v1-organization",
                "v2-organization-fpm", "tampered-payload", "expired", "wrong-azp", "alg-none",
                "alg-hs256-public-key-as-secret", "pending-session");
        assertThat(each(WEBHOOKS.get("deliveries"))).hasSizeGreaterThanOrEqualTo(15);
    }

    @TestFactory
    Stream<DynamicTest> clerkSignedTokensGetClerksVerdict() {
        ClerkTokenVerifier verifier = tokenVerifier();
        return each(TOKENS.get("tokens")).map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            String token = v.get("token").asText();
            JsonNode clerk = v.get("clerk");
            if (v.get("expect").asText().equals("accept")) {
                assertThat(clerk.get("accepted").asBoolean()).as("Clerk accepted it").isTrue();
                Principal p = verifier.verify(token);
                JsonNode expected = clerk.get("principal");
                assertThat(p.userId()).isEqualTo(new UserId(expected.get("userId").asText()));
                assertThat(p.sessionId()).isEqualTo(expected.get("sessionId").asText());
                assertThat(p.activeOrganization().map(OrganizationId::value))
                        .isEqualTo(text(expected, "organizationId"));
                assertThat(p.organizationRole()).isEqualTo(text(expected, "organizationRole"));
                Set<String> permissions = new HashSet<>();
                expected.get("organizationPermissions").forEach(x -> permissions.add(x.asText()));
                assertThat(p.organizationPermissions()).isEqualTo(permissions);
            } else {
                TokenCheck check = TokenCheck.valueOf(v.get("reason").asText());
                assertThatThrownBy(() -> verifier.check(token)).isInstanceOfSatisfying(TokenRejected.class,
                        e -> assertThat(e.check()).isEqualTo(check));
                if (check != TokenCheck.SESSION_STATUS) {
                    assertThat(clerk.get("accepted").asBoolean()).as("Clerk rejected it too").isFalse();
                }
            }
        }));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static WebhookDelivery delivery(JsonNode v) {
        Map<String, String> headers = new LinkedHashMap<>();
        v.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new WebhookDelivery(v.get("body").asText().getBytes(StandardCharsets.UTF_8), headers);
    }

    @TestFactory
    Stream<DynamicTest> svixSignedWebhooksGetSvixsVerdict() {
        SvixIdentityEventVerifier verifier = new SvixIdentityEventVerifier(WEBHOOKS.get("secret").asText(),
                clockAt(WEBHOOKS));
        return each(WEBHOOKS.get("deliveries")).map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            boolean accept = v.get("expect").asText().equals("accept");
            assertThat(v.get("svixAccepted").asBoolean()).as("Svix agrees").isEqualTo(accept);
            if (accept) {
                VerifiedEvent event = verifier.verify(delivery(v));
                assertThat(event.type()).isEqualTo(v.get("type").asText());
                assertThat(event.eventId()).startsWith("msg_vectors_");
            } else {
                assertThatThrownBy(() -> verifier.verify(delivery(v))).isInstanceOfSatisfying(InvalidRequest.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_signature"));
            }
        }));
    }

    private static JsonNode vector(String name) {
        return each(WEBHOOKS.get("deliveries")).filter(d -> d.get("name").asText().equals(name)).findFirst()
                .orElseThrow();
    }

    private static WebhookWork webhook(String name) {
        SvixIdentityEventVerifier verifier = new SvixIdentityEventVerifier(WEBHOOKS.get("secret").asText(),
                clockAt(WEBHOOKS));
        return verifier.verify(delivery(vector(name))).work();
    }

    /** The {@code data} object of a vector's body, as Clerk sent it. */
    private static JsonNode data(String name) throws IOException {
        return ClerkJson.MAPPER.readTree(vector(name).get("body").asText()).get("data");
    }

    @Test
    void eachEventTypeAsksForItsWork() {
        assertThat(webhook("user.created")).isEqualTo(new WebhookWork.OwnerCreated(Owner.user("user_vectors_1")));
        assertThat(webhook("user.updated")).isEqualTo(new WebhookWork.OwnerChanged(Owner.user("user_vectors_1")));
        assertThat(webhook("user.deleted")).isEqualTo(new WebhookWork.OwnerDeleted(Owner.user("user_vectors_1")));
        assertThat(webhook("organization.updated"))
                .isEqualTo(new WebhookWork.OwnerChanged(Owner.organization("org_vectors_1")));
        assertThat(webhook("organization.deleted"))
                .isEqualTo(new WebhookWork.OwnerDeleted(Owner.organization("org_vectors_1")));
        assertThat(webhook("organizationMembership.deleted"))
                .isEqualTo(new WebhookWork.MembershipChanged(new OrganizationId("org_vectors_1")));
        assertThat(webhook("organizationMembership.updated"))
                .isEqualTo(new WebhookWork.MembershipChanged(new OrganizationId("org_vectors_1")));
        assertThat(webhook("session.created")).isEqualTo(new WebhookWork.Nothing());
    }

    @Test
    void userPayloadsCarryTheProfileWithThePrimaryEmail() throws IOException {
        UserProfile user = ClerkJson.user(data("user.created"));
        assertThat(user.id()).isEqualTo(new UserId("user_vectors_1"));
        assertThat(user.primaryEmail()).contains("vera@vectors.example");
        assertThat(user.fullName()).contains("Vera Vector");
        assertThat(user.publicMetadata()).containsEntry("plan", "pro").containsEntry("seats", 3);
    }

    @Test
    void organizationAndMembershipPayloadsDecode() throws IOException {
        OrganizationProfile org = ClerkJson.organization(data("organization.updated"));
        assertThat(org.name()).isEqualTo("Vectors Incorporated");
        assertThat(org.slug()).contains("vectors");
        assertThat(ClerkJson.membership(data("organizationMembership.deleted"), Optional.empty()))
                .isEqualTo(new Membership(new OrganizationId("org_vectors_1"), new UserId("user_vectors_1"),
                        "org:admin", Set.of("org:billing:manage", "org:sys_memberships:read")));
        assertThat(ClerkJson.membership(data("organizationMembership.updated"), Optional.empty()).role())
                .isEqualTo("org:member");
    }
}
