package io.billingbridge.core.admin;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as the admin API shows it: the first character, {@code ***}, then {@code @} and the domain
 * ({@code a***@example.com}), so support can recognise an account without the address leaving the server.
 *
 * @param value the masked form; only {@link #of(String)} makes one from an address
 */
public record MaskedEmail(String value) {
    private static final String STARS = "***";
    private static final Pattern SHAPE = Pattern.compile("[^@]?\\*\\*\\*(@[^@]*)?");

    public MaskedEmail {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a masked email is at most one character, *** and @domain");
        }
    }

    /**
     * Masks an address: {@code alice@example.com} is {@code a***@example.com}; text without {@code @} keeps only its
     * first character; a missing or blank address is empty.
     */
    public static Optional<MaskedEmail> of(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String address = email.strip();
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String first = local.isEmpty() || local.charAt(0) == '@'
                ? "" : local.substring(0, local.offsetByCodePoints(0, 1));
        String domain = at < 0 ? "" : address.substring(at);
        return Optional.of(new MaskedEmail(first + STARS + domain));
    }

    @Override
    public String toString() {
        return value;
    }
}
