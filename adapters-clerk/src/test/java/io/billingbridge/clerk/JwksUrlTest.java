package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.owner.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secret key goes to the Backend API's JWKS only, and a JWKS URL is https unless it is on loopback. */
class JwksUrlTest {
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String SECRET = "sk_test_only_for_the_backend";

    private HttpServer server;
    private final List<Optional<String>> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveTheKeySet() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        byte[] keys = new JWKSet(TestTokens.KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static UserId verifiedUser(ClerkTokenVerifierConfig config) {
        return new ClerkTokenVerifier(config).verify(TestTokens.sign(TestTokens.claims(NOW))).userId();
    }

    @Test
    void aConfiguredJwksUrlIsFetchedWithoutTheSecretKey() {
        ClerkTokenVerifierConfig config = ClerkTokenVerifierConfig.builder().backendJwks(origin(), SECRET)
                .jwksUrl(origin().resolve("/.well-known/jwks.json")).clock(CLOCK).build();

        assertThat(verifiedUser(config)).isEqualTo(new UserId("user_1"));
        assertThat(paths).containsExactly("/.well-known/jwks.json");
        assertThat(authorizations).containsExactly(Optional.empty());
        assertThat(config.secretKey()).isEmpty();
    }

    @Test
    void theBackendApiJwksIsFetchedWithTheSecretKey() {
        ClerkTokenVerifierConfig config = ClerkTokenVerifierConfig.builder().backendJwks(URI.create(origin() + "/"),
                SECRET).clock(CLOCK).build();

        assertThat(verifiedUser(config)).isEqualTo(new UserId("user_1"));
        assertThat(paths).containsExactly("/v1/jwks");
        assertThat(authorizations).containsExactly(Optional.of("Bearer " + SECRET));
    }

    @Test
    void aPlainHttpJwksUrlOffLoopbackIsRefusedAtConstruction() {
        for (String url : List.of("http://example.com/jwks", "http://127.0.0.1.example.com/jwks",
                "http://localhost.example.com/jwks", "http://10.0.0.1/jwks", "http://[::2]/jwks", "ftp://x.example/jwks",
                "file:///etc/jwks")) {
            assertThatThrownBy(() -> ClerkTokenVerifierConfig.builder().jwksUrl(URI.create(url)).build())
                    .as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("jwksUrl must be an https URL (plain http only on a loopback host such as 127.0.0.1,"
                            + " localhost or [::1])");
        }
        assertThatThrownBy(() -> ClerkTokenVerifierConfig.builder().backendJwks(URI.create("http://api.example"), SECRET)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jwksUrl must be an https");
        assertThat(paths).isEmpty();
    }

    @Test
    void httpsAndLoopbackHttpJwksUrlsAreAccepted() {
        for (String url : List.of("https://clerk.example.com/.well-known/jwks.json", "http://127.0.0.1:8080/jwks",
                "http://127.1.2.3/jwks", "http://localhost:8080/jwks", "http://LOCALHOST/jwks", "http://[::1]:8080/jwks")) {
            assertThatNoException().as(url)
                    .isThrownBy(() -> ClerkTokenVerifierConfig.builder().jwksUrl(URI.create(url)).build());
        }
    }

    @Test
    void aSecretKeyIsRefusedWithAnyJwksButTheBackendApis() {
        assertThatThrownBy(() -> new ClerkTokenVerifierConfig(Optional.empty(),
                Optional.of(URI.create("https://jwks.example/.well-known/jwks.json")), Optional.of(SECRET), Set.of(),
                Optional.empty(), false, Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the secret key is only sent to the Backend API's /v1/jwks");
    }
}
