package io.billingbridge.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Clerk instance's JWT public key ({@code CLERK_JWT_KEY}) as people paste it — the multi-line PEM from Clerk's
 * dashboard, the same on one line with {@code \n} escapes, or only its base64 body — made one standard PEM.
 */
final class ClerkJwtKey {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private ClerkJwtKey() {
    }

    /**
     * The standard PEM (64-character lines) of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not an RSA public key in one of those forms
     */
    static String toPem(String text) {
        String body = unquote(text.strip())
                .replace("\\r", "")
                .replace("\\n", "\n")
                .replace(BEGIN, "")
                .replace(END, "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a PEM public key (expected " + BEGIN + ", base64, " + END + ")");
        }
        try {
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not an RSA public key (copy the PEM public key from Clerk's dashboard)");
        }
        String lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return BEGIN + "\n" + lines + "\n" + END + "\n";
    }

    private static String unquote(String text) {
        boolean quoted = text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"));
        return quoted ? text.substring(1, text.length() - 1) : text;
    }
}
