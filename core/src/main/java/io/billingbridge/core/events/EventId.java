package io.billingbridge.core.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An outbound event's id, e.g. {@code msg_2Vq7...}: the {@code webhook-id} every delivery of it carries, the same on
 * each retry and for each endpoint, so a receiver deduplicates by it.
 */
public record EventId(String value) {
    private static final Pattern FORMAT = Pattern.compile("msg_[A-Za-z0-9]{1,64}");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARS = 27;
    private static final SecureRandom RANDOM = new SecureRandom();

    public EventId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an event id is msg_ and 1 to 64 letters or digits");
        }
    }

    /** A new id with 160 random bits. */
    public static EventId random() {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new EventId(id.toString());
    }

    /**
     * The id derived from {@code source} (27 base-62 characters of its SHA-256): the same source always gives the same id, so
     * an event recorded again from the same source (a Stripe webhook processed twice) is known as the same event.
     */
    public static EventId derived(String source) {
        Objects.requireNonNull(source, "source");
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET.charAt(Byte.toUnsignedInt(digest[i]) % ALPHABET.length()));
        }
        return new EventId(id.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
