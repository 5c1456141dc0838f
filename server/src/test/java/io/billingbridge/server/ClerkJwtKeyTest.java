package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLERK_JWT_KEY in every form people paste it becomes the same standard PEM. */
class ClerkJwtKeyTest {
    static String body;
    static String pem;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        body = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        pem = pemOf(body);
    }

    /** The PEM as Clerk's dashboard shows it: 64-character lines between BEGIN and END. */
    static String pemOf(String base64) {
        return "-----BEGIN PUBLIC KEY-----\n" + base64.replaceAll("(.{64})", "$1\n").strip()
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void multiLinePemIsKept() {
        assertThat(ClerkJwtKey.toPem(pem)).isEqualTo(pem);
    }

    @Test
    void oneLineWithBackslashNEscapesBecomesThePem() {
        assertThat(ClerkJwtKey.toPem(pem.strip().replace("\n", "\\n"))).isEqualTo(pem);
    }

    @Test
    void bareBase64BodyBecomesThePem() {
        assertThat(ClerkJwtKey.toPem(body)).isEqualTo(pem);
        assertThat(ClerkJwtKey.toPem(body.replaceAll("(.{64})", "$1\n"))).isEqualTo(pem);
    }

    @Test
    void windowsLineEndsQuotesAndSurroundingSpaceAreIgnored() {
        assertThat(ClerkJwtKey.toPem("  " + pem.replace("\n", "\r\n") + "  ")).isEqualTo(pem);
        assertThat(ClerkJwtKey.toPem("\"" + pem.strip().replace("\n", "\\r\\n") + "\"")).isEqualTo(pem);
    }

    @Test
    void textThatIsNoRsaKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ClerkJwtKey.toPem("not a key!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PEM public key").hasMessageNotContaining("not a key!");
        assertThatThrownBy(() -> ClerkJwtKey.toPem(Base64.getEncoder().encodeToString(new byte[64])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an RSA public key");
    }
}
