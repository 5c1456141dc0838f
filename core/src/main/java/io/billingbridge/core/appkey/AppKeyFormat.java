package io.billingbridge.core.appkey;

import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.error.InvalidRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What an application key looks like and how it is hashed: {@code bbapp_} and 32 random bytes in base64url, stored
 * as the hex SHA-256 of the whole key, as admin tokens are.
 */
public final class AppKeyFormat {
    /** The prefix every application key starts with, so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "bbapp_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppKeyFormat() {
    }

    /** A new random key. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the shape of an application key (says nothing about whether it is valid). */
    public static boolean looksLikeKey(String text) {
        return text != null && KEY.matcher(text).matches();
    }

    /** The hex SHA-256 of the key: what is stored and compared. */
    public static String hash(String key) {
        return AdminTokenFormat.hash(key);
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return AdminTokenFormat.sameHash(a, b);
    }

    /**
     * Checks a key name.
     *
     * @throws InvalidRequest if the name is not 1-64 of {@code A-Z a-z 0-9 . _ -}
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequest("invalid_key_name",
                    "an app key name is 1-64 characters of letters, digits, '.', '_' and '-'", "name");
        }
        return name;
    }
}
