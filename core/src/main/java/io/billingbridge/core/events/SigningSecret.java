package io.billingbridge.core.events;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret in the Standard Webhooks form {@code whsec_<base64 of 24 to 64 random bytes>}; its
 * text form never shows the key.
 */
public final class SigningSecret {
    private static final String PREFIX = "whsec_";
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Parses {@code whsec_<base64>}.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the text
     */
    public static SigningSecret parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is " + PREFIX + " and base64", null);
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("a signing secret holds " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes, this one " + key.length);
        }
        return new SigningSecret(key);
    }

    /** The HMAC key, for the signer only: a copy, so the secret stays unchanged. Never log it. */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningSecret s && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return PREFIX + "(hidden)";
    }
}
