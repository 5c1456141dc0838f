package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.owner.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CLERK_SECRET_KEY reaches only the Backend API: a configured CLERK_JWKS_URL is fetched without it. */
class ClerkKeySourceTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "sk_test_never_to_a_jwks_url";
    private static final String STRIPE = "stripe:\n  secretKey: sk_test_1234567890\n  webhookSecret: whsec_abc\n";

    private RSAKey key;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveTheKeySet() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("kid_1").generate();
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " "
                    + Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("-"));
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

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Adapters.Built build(String clerkYaml) throws Exception {
        BillingBridgeConfiguration config = ConfigurationFiles.parse(STRIPE + "clerk:\n  secretKey: " + SECRET
                + "\n  webhookSigningSecret: whsec_c2VjcmV0\n" + clerkYaml);
        return Adapters.build(config.getStripe(), config.getClerk(), CLOCK);
    }

    private String token() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kid_1")
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().subject("user_1").claim("sid", "sess_1")
                .issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aConfiguredJwksUrlNeverReceivesTheSecretKey() throws Exception {
        Adapters.Built built = build("  jwksUrl: " + origin() + "/.well-known/jwks.json\n  apiUrl: " + origin() + "\n");

        assertThat(built.tokens().verify(token()).userId()).isEqualTo(new UserId("user_1"));
        assertThat(requests).containsExactly("/.well-known/jwks.json -");
    }

    @Test
    void withoutAJwksUrlTheBackendApiJwksIsFetchedWithTheSecretKey() throws Exception {
        Adapters.Built built = build("  apiUrl: " + origin() + "/\n");

        assertThat(built.tokens().verify(token()).userId()).isEqualTo(new UserId("user_1"));
        assertThat(requests).containsExactly("/v1/jwks Bearer " + SECRET);
    }

    @Test
    void aPlainHttpJwksUrlOffLoopbackStopsTheStartWithOneClearLine() {
        assertThatThrownBy(() -> build("  jwksUrl: http://example.com/jwks\n")).isInstanceOf(StartupProblem.class)
                .hasMessage("clerk configuration: jwksUrl must be an https URL (plain http only on a loopback host"
                        + " such as 127.0.0.1, localhost or [::1])");
        assertThat(requests).isEmpty();
    }
}
