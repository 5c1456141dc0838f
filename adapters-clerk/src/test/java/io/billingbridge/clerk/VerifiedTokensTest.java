package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.owner.UserId;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final long NOW = 1_800_000_000L;
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    private final VerifiedTokens verified = new VerifiedTokens(100, Duration.ofMinutes(2), clock);
    private final ClerkTokenVerifier verifier = new ClerkTokenVerifier(ClerkTokenVerifierConfig.builder()
            .jwtKeyPem(TestTokens.pem(TestTokens.KEY)).authorizedParty("https://app.example")
            .issuer("https://clerk.example").clockSkew(Duration.ofSeconds(5)).clock(clock).build(),
            HttpClient.newHttpClient(), verified);

    @Test
    void aVerifiedTokenAnswersFromMemoryUntilItsExpiryPlusSkewAndIsRefusedFromThenOnEvenThoughItWasCached() {
        String token = TestTokens.sign(TestTokens.claims(NOW));   // exp = NOW + 60

        assertThat(verifier.verify(token).userId()).isEqualTo(new UserId("user_1"));
        assertThat(verified.size()).isOne();
        clock.advance(Duration.ofMillis(64_999));
        assertThat(verifier.verify(token).userId()).isEqualTo(new UserId("user_1"));

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(Unauthenticated.class);
        assertThat(verified.find(token)).isEmpty();
    }

    @Test
    void aRememberedTokenSkipsTheSignatureCheckSoOnlyVerifiedTokensMayEverBeRemembered() {
        Map<String, Object> claims = TestTokens.claims(NOW);
        String signedByAnotherKey = TestTokens.sign(TestTokens.OTHER_KEY, com.nimbusds.jose.JWSAlgorithm.RS256,
                Map.of("kid", "other_kid"), claims);
        assertThatThrownBy(() -> verifier.verify(signedByAnotherKey)).isInstanceOf(Unauthenticated.class);
        assertThat(verified.size()).as("a rejection is never remembered").isZero();

        Principal planted = Principal.user(new UserId("user_planted"), "sess_p");
        verified.remember(signedByAnotherKey, planted, (NOW + 60) * 1000);

        assertThat(verifier.verify(signedByAnotherKey)).isSameAs(planted);
    }

    @Test
    void aTokenDifferingInOneCharacterIsNotTheRememberedOne() {
        String token = TestTokens.sign(TestTokens.claims(NOW));
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + TestTokens.b64("{\"sub\":\"user_2\",\"sid\":\"sess_1\",\"exp\":"
                + (NOW + 60) + ",\"azp\":\"https://app.example\",\"iss\":\"https://clerk.example\"}") + "." + parts[2];

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(Unauthenticated.class);
        assertThat(verified.size()).isOne();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
        verified.remember("token-a", carol, (NOW + 3600) * 1000);

        clock.advance(Duration.ofSeconds(119));
        assertThat(verified.find("token-a")).contains(carol);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verified.find("token-a")).isEmpty();
    }

    @Test
    void theCacheNeverHoldsMoreThanItsLimitDroppingExpiredEntriesFirst() {
        VerifiedTokens small = new VerifiedTokens(3, Duration.ofMinutes(2), clock);
        Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
        small.remember("short-1", carol, (NOW + 1) * 1000);
        small.remember("short-2", carol, (NOW + 1) * 1000);
        small.remember("long-1", carol, (NOW + 60) * 1000);
        clock.advance(Duration.ofSeconds(2));

        small.remember("long-2", carol, (NOW + 60) * 1000);
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.find("long-1")).contains(carol);

        for (int i = 0; i < 50; i++) {
            small.remember("more-" + i, carol, (NOW + 60) * 1000);
            assertThat(small.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aSizeOfZeroTurnsTheCacheOffAndAnAlreadyExpiredTokenIsNotRemembered() {
        VerifiedTokens off = new VerifiedTokens(0, Duration.ofMinutes(2), clock);
        Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
        off.remember("token", carol, (NOW + 60) * 1000);
        assertThat(off.find("token")).isEmpty();

        verified.remember("stale", carol, NOW * 1000);
        assertThat(verified.size()).isZero();
    }
}
