package io.billingbridge.core.payment;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Why the customer cancels, as they said it: one of Stripe's feedback words (sent as {@code feedback}) or free
 * text of at most {@value #MAX_LENGTH} characters (sent as {@code comment}).
 *
 * <p>Free text from a user: never logged or audited; {@link #toString()} shows only its length.
 */
public record CancellationReason(String text) {
    /** The longest reason accepted. */
    public static final int MAX_LENGTH = 500;
    private static final Set<String> FEEDBACK = Set.of("customer_service", "low_quality", "missing_features",
            "other", "switched_service", "too_complex", "too_expensive", "unused");

    public CancellationReason {
        Objects.requireNonNull(text, "text");
        text = text.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new InvalidRequest("invalid_reason", "reason must be 1 to " + MAX_LENGTH + " characters",
                    "reason");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidRequest("invalid_reason", "reason must not contain control characters", "reason");
        }
    }

    /** The reason the client sent, if any; blank counts as none. */
    public static Optional<CancellationReason> parse(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(new CancellationReason(text));
    }

    /** Stripe's feedback value when the reason is one of its words, else empty (the text goes as a comment). */
    public Optional<String> feedback() {
        String word = text.toLowerCase(Locale.ROOT);
        return FEEDBACK.contains(word) ? Optional.of(word) : Optional.empty();
    }

    @Override
    public String toString() {
        return "CancellationReason[" + text.length() + " characters]";
    }
}
