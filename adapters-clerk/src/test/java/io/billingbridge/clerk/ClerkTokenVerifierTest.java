package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ClerkTokenVerifierTest {
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private static ClerkTokenVerifierConfig.Builder config() {
        return ClerkTokenVerifierConfig.builder().jwtKeyPem(TestTokens.pem(TestTokens.KEY))
                .authorizedParty("https://app.example").issuer("https://clerk.example").clock(CLOCK);
    }

    private static final ClerkTokenVerifier VERIFIER = new ClerkTokenVerifier(config().build());

    private static Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        Map<String, Object> c = TestTokens.claims(NOW);
        change.accept(c);
        return c;
    }

    private static String token(Consumer<Map<String, Object>> change) {
        return TestTokens.sign(claims(change));
    }

    private static void assertRejected(ClerkTokenVerifier verifier, String token, TokenCheck check) {
        assertThatThrownBy(() -> verifier.check(token)).isInstanceOfSatisfying(TokenRejected.class,
                e -> assertThat(e.check()).isEqualTo(check));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(Unauthenticated.class, e -> {
            assertThat(e.getMessage()).isEqualTo("The session token is missing or invalid.");
            assertThat(e.code()).isEqualTo("invalid_session_token");
        });
    }

    private static void assertRejected(String token, TokenCheck check) {
        assertRejected(VERIFIER, token, check);
    }

    @Test
    void rejectsMissingToken() {
        assertRejected(null, TokenCheck.PRESENT);
        assertRejected("  ", TokenCheck.PRESENT);
    }

    @Test
    void rejectsSomethingThatIsNotACompactJws() {
        assertRejected("abc.def", TokenCheck.FORMAT);
        assertRejected("!!!.e30.sig", TokenCheck.FORMAT);
    }

    @Test
    void rejectsATypOtherThanJwt() {
        String t = TestTokens.sign(TestTokens.KEY, JWSAlgorithm.RS256, Map.of("typ", "at+jwt", "kid", "test_kid"),
                claims(c -> { }));
        assertRejected(t, TokenCheck.TYPE);
    }

    @Test
    void rejectsAlgNone() {
        String t = TestTokens.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + TestTokens.b64("{\"sub\":\"user_1\",\"sid\":\"sess_1\",\"exp\":" + (NOW + 60) + "}") + ".";
        assertRejected(t, TokenCheck.ALGORITHM);
    }

    @Test
    void rejectsHmacSignedWithThePublicKeyAsSecret() throws Exception {
        String header = TestTokens.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test_kid\"}");
        String payload = TestTokens.b64(ClerkJson.MAPPER.writeValueAsString(claims(c -> { })));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestTokens.pem(TestTokens.KEY).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String signature = com.nimbusds.jose.util.Base64URL.encode(
                mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII))).toString();
        assertRejected(header + "." + payload + "." + signature, TokenCheck.ALGORITHM);
    }

    @Test
    void rejectsAnEcdsaAlgorithm() {
        String t = TestTokens.b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + TestTokens.b64("{}") + ".c2ln";
        assertRejected(t, TokenCheck.ALGORITHM);
    }

    @Test
    void rejectsASignatureByAnotherKey() {
        String t = TestTokens.sign(TestTokens.OTHER_KEY, JWSAlgorithm.RS256, Map.of("typ", "JWT", "kid", "test_kid"),
                claims(c -> { }));
        assertRejected(t, TokenCheck.SIGNATURE);
    }

    @Test
    void rejectsATamperedPayload() {
        String[] parts = token(c -> { }).split("\\.");
        String forged = TestTokens.b64("{\"sub\":\"user_evil\",\"sid\":\"sess_1\",\"exp\":" + (NOW + 60)
                + ",\"azp\":\"https://app.example\",\"iss\":\"https://clerk.example\"}");
        assertRejected(parts[0] + "." + forged + "." + parts[2], TokenCheck.SIGNATURE);
    }

    @Test
    void rejectsAMissingOrNonStringSubject() {
        assertRejected(token(c -> c.remove("sub")), TokenCheck.SUBJECT);
        assertRejected(token(c -> c.put("sub", 42)), TokenCheck.SUBJECT);
        assertRejected(token(c -> c.put("sub", "user 1; drop")), TokenCheck.SUBJECT);
    }

    @Test
    void rejectsAWrongAuthorizedParty() {
        assertRejected(token(c -> c.put("azp", "https://evil.example")), TokenCheck.AUTHORIZED_PARTY);
    }

    @Test
    void rejectsAMissingAuthorizedPartyOnceOneIsConfigured() {
        assertRejected(token(c -> c.remove("azp")), TokenCheck.AUTHORIZED_PARTY);
    }

    @Test
    void rejectsAWrongIssuer() {
        assertRejected(token(c -> c.put("iss", "https://clerk.other.example")), TokenCheck.ISSUER);
        assertRejected(token(c -> c.remove("iss")), TokenCheck.ISSUER);
    }

    @Test
    void rejectsAnExpiredToken() {
        assertRejected(token(c -> c.put("exp", NOW - 5)), TokenCheck.EXPIRATION);
    }

    @Test
    void rejectsAMissingOrNonNumericExpiry() {
        assertRejected(token(c -> c.remove("exp")), TokenCheck.EXPIRATION);
        assertRejected(token(c -> c.put("exp", "tomorrow")), TokenCheck.EXPIRATION);
    }

    @Test
    void rejectsATokenNotValidYet() {
        assertRejected(token(c -> c.put("nbf", NOW + 6)), TokenCheck.NOT_BEFORE);
    }

    @Test
    void rejectsATokenIssuedInTheFuture() {
        assertRejected(token(c -> c.put("iat", NOW + 6)), TokenCheck.ISSUED_AT);
    }

    @Test
    void rejectsAPendingSession() {
        assertRejected(token(c -> c.put("sts", "pending")), TokenCheck.SESSION_STATUS);
    }

    @Test
    void rejectsAMissingSessionId() {
        assertRejected(token(c -> c.remove("sid")), TokenCheck.SESSION_ID);
    }

    @Test
    void rejectsMalformedOrganizationClaims() {
        assertRejected(token(c -> {
            c.put("v", 2);
            c.put("o", "org_1");
        }), TokenCheck.CLAIMS);
        assertRejected(token(c -> {
            c.put("v", 2);
            c.put("fea", "billing");
            c.put("o", Map.of("id", "org_1", "rol", "admin", "per", "read", "fpm", "1"));
        }), TokenCheck.CLAIMS);
        assertRejected(token(c -> c.put("org_id", "org with spaces")), TokenCheck.CLAIMS);
        assertRejected(token(c -> {
            c.put("org_id", "org_1");
            c.put("org_permissions", "org:billing:manage");
        }), TokenCheck.CLAIMS);
    }

    @Test
    void rejectsATokenWithoutKidWhenOnlyAJwksIsConfigured() {
        ClerkTokenVerifier jwks = new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder()
                .jwksUrl(java.net.URI.create("http://127.0.0.1:9/jwks")).clock(CLOCK).build());
        String t = TestTokens.sign(TestTokens.KEY, JWSAlgorithm.RS256, Map.of("typ", "JWT"), claims(c -> { }));
        assertRejected(jwks, t, TokenCheck.KEY);
    }

    @Test
    void acceptsAValidV1PersonalToken() {
        Principal p = VERIFIER.verify(token(c -> { }));
        assertThat(p).isEqualTo(Principal.user(new UserId("user_1"), "sess_1"));
    }

    @Test
    void acceptsTimesWithinTheFiveSecondSkew() {
        assertThat(VERIFIER.verify(token(c -> c.put("exp", NOW - 4)))).isNotNull();
        assertThat(VERIFIER.verify(token(c -> c.put("nbf", NOW + 5)))).isNotNull();
        assertThat(VERIFIER.verify(token(c -> c.put("iat", NOW + 5)))).isNotNull();
    }

    @Test
    void acceptsATokenWithoutTypOrNbfOrIat() {
        Map<String, Object> c = claims(m -> {
            m.remove("nbf");
            m.remove("iat");
        });
        String t = TestTokens.sign(TestTokens.KEY, JWSAlgorithm.RS256, Map.of("kid", "test_kid"), c);
        assertThat(VERIFIER.verify(t).userId()).isEqualTo(new UserId("user_1"));
    }

    @Test
    void acceptsRs384AndRs512() {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
            String t = TestTokens.sign(TestTokens.KEY, alg, Map.of("typ", "JWT", "kid", "x"), claims(c -> { }));
            assertThat(VERIFIER.verify(t).sessionId()).isEqualTo("sess_1");
        }
    }

    @Test
    void acceptsAMissingAuthorizedPartyWhenNoneAreConfigured() {
        ClerkTokenVerifier open = new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder()
                .jwtKeyPem(TestTokens.pem(TestTokens.KEY)).clock(CLOCK).build());
        assertThat(open.verify(token(c -> {
            c.remove("azp");
            c.put("iss", "https://anything.example");
        })).userId()).isEqualTo(new UserId("user_1"));
    }

    @Test
    void acceptsAPendingSessionWhenAllowed() {
        ClerkTokenVerifier lenient = new ClerkTokenVerifier(config().allowPendingSessions(true).build());
        assertThat(lenient.verify(token(c -> c.put("sts", "pending"))).sessionId()).isEqualTo("sess_1");
    }

    @Test
    void acceptsAPemWhoseNewlinesAreEscaped() {
        String escaped = TestTokens.pem(TestTokens.KEY).replace("\n", "\\n");
        ClerkTokenVerifier fromEnv = new ClerkTokenVerifier(config().jwtKeyPem(escaped).build());
        assertThat(fromEnv.verify(token(c -> { })).userId()).isEqualTo(new UserId("user_1"));
    }

    @Test
    void mapsV1OrganizationClaimsAsTheyAre() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("org_id", "org_1");
            c.put("org_slug", "acme");
            c.put("org_role", "org:admin");
            c.put("org_permissions", List.of("org:billing:manage", "org:billing:read"));
        }));
        assertThat(p).isEqualTo(Principal.member(new UserId("user_1"), "sess_1", new OrganizationId("org_1"),
                "org:admin", Set.of("org:billing:manage", "org:billing:read")));
    }

    @Test
    void mapsV2RoleGetsTheOrgPrefixAndFpmExpandsAsInClerksNotes() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("v", 2);
            c.put("fea", "o:dashboard,o:teams");
            c.put("o", Map.of("id", "org_1", "slg", "acme", "rol", "admin", "per", "manage,read", "fpm", "3,2"));
        }));
        assertThat(p.activeOrganization()).contains(new OrganizationId("org_1"));
        assertThat(p.organizationRole()).contains("org:admin");
        assertThat(p.organizationPermissions())
                .containsExactlyInAnyOrder("org:dashboard:manage", "org:dashboard:read", "org:teams:read");
    }

    @Test
    void mapsV2OnlyOrganizationScopedFeaturesCount() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("v", 2);
            c.put("fea", "u:profile,ou:teams,o:reports,uo:export");
            c.put("o", Map.of("id", "org_1", "rol", "member", "per", "read,write", "fpm", "1,3,2"));
        }));
        assertThat(p.organizationRole()).contains("org:member");
        assertThat(p.organizationPermissions()).containsExactlyInAnyOrder(
                "org:teams:read", "org:reports:read", "org:reports:write", "org:export:write");
    }

    @Test
    void mapsV2BitsBeyondThePermissionListAndNonDecimalMasksAreIgnored() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("v", 2);
            c.put("fea", "o:a,o:b");
            c.put("o", Map.of("id", "org_1", "rol", "admin", "per", "read", "fpm", "x,7"));
        }));
        assertThat(p.organizationPermissions()).containsExactly("org:b:read");
    }

    @Test
    void mapsV2WithoutPermissionClaimsHasOnlyTheRole() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("v", 2);
            c.put("fea", "o:dashboard");
            c.put("o", Map.of("id", "org_1", "rol", "admin"));
        }));
        assertThat(p.organizationRole()).contains("org:admin");
        assertThat(p.organizationPermissions()).isEmpty();
    }

    @Test
    void mapsV2WithoutAnOrganizationIsPersonal() {
        Principal p = VERIFIER.verify(token(c -> {
            c.put("v", 2);
            c.put("fea", "u:profile");
        }));
        assertThat(p.activeOrganization()).isEqualTo(Optional.empty());
        assertThat(p.organizationPermissions()).isEmpty();
    }

    @Test
    void configRefusesTwoOrNoKeySourcesAndHidesTheSecret() {
        assertThatThrownBy(() -> ClerkTokenVerifierConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClerkTokenVerifierConfig.builder().jwtKeyPem("x")
                .jwksUrl(java.net.URI.create("https://x.example/jwks")).build())
                .isInstanceOf(IllegalArgumentException.class);
        ClerkTokenVerifierConfig c = ClerkTokenVerifierConfig.builder()
                .backendJwks(java.net.URI.create("https://api.clerk.com"), "sk_test_secret").build();
        assertThat(c.toString()).doesNotContain("sk_test_secret");
        assertThatThrownBy(() -> new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder().jwtKeyPem("not a key")
                .build())).isInstanceOf(IllegalArgumentException.class);
    }
}
