package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a page of a newest-first listing ended: a time and a tie-breaking key, handed to clients as an opaque string.
 *
 * <p>The string is base64url text the client must not build or read; one that does not decode is refused as
 * {@code cursor_invalid}.
 *
 * @param key tells apart rows of the same time, e.g. {@code stripe/evt_1} or an audit sequence number
 */
public record PageCursor(Instant at, String key) {
    private static final int MAX_LENGTH = 600;
    private static final String VERSION = "1";
    private static final String SEPARATOR = "|";

    public PageCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 300) {
            throw new IllegalArgumentException("a cursor key is 1-300 characters");
        }
    }

    /** The opaque string given to the client. */
    public String encode() {
        String plain = VERSION + SEPARATOR + at + SEPARATOR + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client sent back, when it sent one.
     *
     * @throws InvalidRequest {@code cursor_invalid} when the text is not a cursor this API gave out
     */
    public static Optional<PageCursor> parse(Optional<String> text) {
        return text.map(PageCursor::decode);
    }

    private static PageCursor decode(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            return new PageCursor(Instant.parse(parts[1]), parts[2]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    /** The refusal of a cursor whose key does not fit the listing it was sent to. */
    static InvalidRequest invalid() {
        return new InvalidRequest("cursor_invalid", "cursor must be a nextCursor this API returned", "cursor");
    }
}
