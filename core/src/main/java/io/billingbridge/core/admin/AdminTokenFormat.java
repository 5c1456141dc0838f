package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What an admin token looks like and how it is hashed: {@code bbadm_} and 32 random bytes in base64url, stored
 * as the hex SHA-256 of the whole token.
 */
public final class AdminTokenFormat {
    /** The prefix every admin token starts with, so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "bbadm_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokenFormat() {
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the shape of an admin token (says nothing about whether it is valid). */
    public static boolean looksLikeToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** The hex SHA-256 of the token: what is stored and compared. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Checks a token name.
     *
     * @throws InvalidRequest if the name is not 1-64 of {@code A-Z a-z 0-9 . _ -}
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequest("invalid_token_name",
                    "a token name is 1-64 characters of letters, digits, '.', '_' and '-'", "name");
        }
        return name;
    }
}
