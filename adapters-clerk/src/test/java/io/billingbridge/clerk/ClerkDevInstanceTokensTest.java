package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens from the sandbox Clerk dev instance, verified through its JWKS over HTTP. */
class ClerkDevInstanceTokensTest {
    private MutableClock clock;
    private ClerkDevInstance clerk;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        clerk = ClerkDevInstance.start(ClerkDevConfig.builder().clock(clock).build());
    }

    @AfterEach
    void stop() {
        clerk.close();
    }

    private ClerkTokenVerifier verifier(URI jwks) {
        return new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder().jwksUrl(jwks)
                .issuer(clerk.issuer()).clock(clock).build());
    }

    private ClerkTokenVerifier backendVerifier(String secretKey) {
        return new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder().backendJwks(clerk.baseUrl(), secretKey)
                .issuer(clerk.issuer()).clock(clock).build());
    }

    @Test
    void adminMemberAndPersonalTokensVerifyThroughTheFrontendJwks() {
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        Principal alice = verifier.verify(clerk.issueToken(ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME)));
        assertThat(alice).isEqualTo(Principal.member(new UserId("user_alice"), alice.sessionId(),
                new OrganizationId("org_acme"), "org:admin", Set.of("org:billing:manage", "org:billing:read")));
        Principal bob = verifier.verify(clerk.issueToken(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME)));
        assertThat(bob.organizationRole()).contains("org:member");
        assertThat(bob.organizationPermissions()).containsExactly("org:billing:read");
        Principal carol = verifier.verify(clerk.issueToken(ClerkDevInstance.CAROL, Optional.empty()));
        assertThat(carol.activeOrganization()).isEmpty();
        Principal dave = verifier.verify(clerk.issueToken(ClerkDevInstance.DAVE, Optional.of(ClerkDevInstance.GLOBEX)));
        assertThat(dave.activeOrganization()).contains(new OrganizationId("org_globex"));
        assertThat(clerk.jwksRequestCount()).isEqualTo(1);
    }

    @Test
    void theBackendJwksNeedsTheSecretKey() {
        String token = clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty());
        assertThat(backendVerifier(clerk.secretKey()).verify(token).userId())
                .isEqualTo(new UserId("user_alice"));
        assertThatThrownBy(() -> backendVerifier("sk_test_wrong").verify(token))
                .isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void pemModeNeedsNoNetwork() {
        ClerkTokenVerifier verifier = new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder()
                .jwtKeyPem(clerk.publicKeyPem()).clock(clock).build());
        assertThat(verifier.verify(clerk.issueToken(ClerkDevInstance.BOB, Optional.empty())).userId())
                .isEqualTo(new UserId("user_bob"));
        assertThat(clerk.jwksRequestCount()).isZero();
    }

    @Test
    void tokensExpireAfterSixtySeconds() {
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        String token = clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty());
        clock.advance(Duration.ofSeconds(64));
        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aRotatedKeyIsFetchedOnceAndTheOldKeyKeepsWorking() {
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        String before = clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty());
        verifier.verify(before);
        assertThat(clerk.jwksRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        String oldKid = clerk.currentKeyId();
        String newKid = clerk.rotateKey();
        assertThat(newKid).isNotEqualTo(oldKid);
        String after = clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty());
        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(after).userId()).isEqualTo(new UserId("user_alice"));
            assertThat(verifier.verify(before).userId()).isEqualTo(new UserId("user_alice"));
        }
        assertThat(clerk.jwksRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnknownKidDoesNotCauseAFetchPerRequest() {
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        verifier.verify(clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty()));
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = TestTokens.claims(now);
        claims.put("iss", clerk.issuer());
        for (int i = 0; i < 50; i++) {
            String forged = TestTokens.sign(TestTokens.OTHER_KEY, JWSAlgorithm.RS256,
                    Map.of("typ", "JWT", "kid", "forged_" + i), claims);
            assertThatThrownBy(() -> verifier.check(forged)).isInstanceOfSatisfying(TokenRejected.class,
                    e -> assertThat(e.check()).isEqualTo(TokenCheck.KEY));
        }
        assertThat(clerk.jwksRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            String forged = TestTokens.sign(TestTokens.OTHER_KEY, JWSAlgorithm.RS256,
                    Map.of("typ", "JWT", "kid", "again_" + i), claims);
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(Unauthenticated.class);
        }
        assertThat(clerk.jwksRequestCount()).isEqualTo(2);
    }

    @Test
    void theKeySetIsFetchedAgainAfterItsTtl() {
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        verifier.verify(clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty()));
        clock.advance(Duration.ofMinutes(4));
        verifier.verify(clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty()));
        assertThat(clerk.jwksRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        verifier.verify(clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty()));
        assertThat(clerk.jwksRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnreachableJwksIsProviderUnavailable() {
        URI nowhere = clerk.jwksUrl();
        ClerkTokenVerifier verifier = verifier(nowhere);
        String token = clerk.issueToken(ClerkDevInstance.ALICE, Optional.empty());
        clerk.close();
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ProviderUnavailable.class);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void theSignInEndpointSetsTheSessionCookieAndRefreshKeepsTheSession() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"user_bob\",\"organization_id\":\"org_acme\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(200);
        JsonNode body = ClerkJson.MAPPER.readTree(signIn.body());
        String jwt = body.get("jwt").asText();
        assertThat(signIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("__session=" + jwt + ";"));
        ClerkTokenVerifier verifier = verifier(clerk.jwksUrl());
        Principal bob = verifier.verify(jwt);
        assertThat(bob.sessionId()).isEqualTo(body.get("session_id").asText());
        assertThat(bob.organizationRole()).contains("org:member");

        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> refresh = http.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/refresh"))
                .header("Cookie", "__session=" + jwt).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refresh.statusCode()).isEqualTo(200);
        Principal refreshed = verifier.verify(ClerkJson.MAPPER.readTree(refresh.body()).get("jwt").asText());
        assertThat(refreshed).isEqualTo(bob);

        HttpResponse<String> notAMember = http.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"user_carol\",\"organization_id\":\"org_acme\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notAMember.statusCode()).isEqualTo(422);
    }
}
