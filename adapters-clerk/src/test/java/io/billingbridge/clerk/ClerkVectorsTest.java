package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.identity.IdentityEvent;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.webhook.WebhookDelivery;
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
                IdentityEvent event = verifier.verify(delivery(v));
                assertThat(event.type()).isEqualTo(v.get("type").asText());
                assertThat(event.eventId()).startsWith("msg_vectors_");
            } else {
                assertThatThrownBy(() -> verifier.verify(delivery(v))).isInstanceOfSatisfying(InvalidRequest.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_signature"));
            }
        }));
    }

    private IdentityEvent webhook(String name) {
        SvixIdentityEventVerifier verifier = new SvixIdentityEventVerifier(WEBHOOKS.get("secret").asText(),
                clockAt(WEBHOOKS));
        JsonNode v = each(WEBHOOKS.get("deliveries")).filter(d -> d.get("name").asText().equals(name)).findFirst()
                .orElseThrow();
        return verifier.verify(delivery(v));
    }

    @Test
    void userCreatedCarriesTheProfileWithThePrimaryEmail() {
        IdentityEvent.UserChanged e = (IdentityEvent.UserChanged) webhook("user.created");
        assertThat(e.created()).isTrue();
        assertThat(e.user().id()).isEqualTo(new UserId("user_vectors_1"));
        assertThat(e.user().primaryEmail()).contains("vera@vectors.example");
        assertThat(e.user().fullName()).contains("Vera Vector");
        assertThat(e.user().publicMetadata()).containsEntry("plan", "pro").containsEntry("seats", 3);
        assertThat(((IdentityEvent.UserChanged) webhook("user.updated")).created()).isFalse();
    }

    @Test
    void deletionsCarryOnlyIds() {
        assertThat(webhook("user.deleted")).isEqualTo(new IdentityEvent.UserDeleted("msg_vectors_user_deleted",
                "user.deleted", new UserId("user_vectors_1")));
        assertThat(webhook("organization.deleted")).isEqualTo(new IdentityEvent.OrganizationDeleted(
                "msg_vectors_organization_deleted", "organization.deleted",
                Optional.of(new OrganizationId("org_vectors_1"))));
    }

    @Test
    void organizationAndMembershipEventsDecode() {
        IdentityEvent.OrganizationChanged org = (IdentityEvent.OrganizationChanged) webhook("organization.updated");
        assertThat(org.organization().name()).isEqualTo("Vectors Incorporated");
        assertThat(org.organization().slug()).contains("vectors");
        IdentityEvent.MembershipChanged removed = (IdentityEvent.MembershipChanged)
                webhook("organizationMembership.deleted");
        assertThat(removed.removed()).isTrue();
        assertThat(removed.membership()).isEqualTo(new Membership(new OrganizationId("org_vectors_1"),
                new UserId("user_vectors_1"), "org:admin", Set.of("org:billing:manage", "org:sys_memberships:read")));
        IdentityEvent.MembershipChanged updated = (IdentityEvent.MembershipChanged)
                webhook("organizationMembership.updated");
        assertThat(updated.removed()).isFalse();
        assertThat(updated.membership().role()).isEqualTo("org:member");
        assertThat(webhook("session.created")).isInstanceOf(IdentityEvent.Ignored.class);
    }
}
