package io.billingbridge.clerk;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** One PEM public key ({@code CLERK_JWT_KEY}) used for every token, whatever its {@code kid}, as Clerk's SDK does. */
final class PemSigningKeys implements SigningKeys {
    private final RSAPublicKey key;

    PemSigningKeys(String pem) {
        this.key = parse(pem);
    }

    @Override
    public RSAPublicKey keyFor(Optional<String> kid) {
        return key;
    }

    /** Parses an SPKI PEM, also when its newlines were written as {@code \n} in an environment variable. */
    static RSAPublicKey parse(String pem) {
        String base64 = pem.replace("\\n", "\n")
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey parsed = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return (RSAPublicKey) parsed;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("jwtKeyPem is not an RSA public key in PEM (SPKI) form", e);
        }
    }
}
