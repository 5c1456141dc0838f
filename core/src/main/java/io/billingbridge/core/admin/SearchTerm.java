package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What support typed into the account search, trimmed: 0 to 200 characters, no control characters.
 *
 * <p>An empty term lists every account. The contains tier needs at least {@link #CONTAINS_MIN} characters: shorter
 * text cannot use the trigram index and would match most accounts anyway.
 *
 * @param text the trimmed search text; may be an email, so never log or audit it
 */
public record SearchTerm(String text) {
    /** The most characters a search may have. */
    public static final int MAX = 200;
    /** The fewest characters for which the contains tier is searched. */
    public static final int CONTAINS_MIN = 3;
    private static final String MESSAGE = "q must be at most " + MAX + " characters, without control characters";

    public SearchTerm {
        Objects.requireNonNull(text, "text");
        if (!text.equals(text.strip()) || length(text) > MAX || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("invalid_query", MESSAGE, "q");
        }
    }

    /**
     * The term a request sent in its query string, trimmed; no {@code q} is the empty term.
     *
     * @throws InvalidRequest when the trimmed text is longer than {@link #MAX} or holds a control character
     */
    public static SearchTerm parse(Optional<String> q) {
        return new SearchTerm(q.map(String::strip).orElse(""));
    }

    /** Whether the term is empty, so that every account is listed. */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The tiers searched for this term, best first; every account is in the prefix tier of the empty term. */
    public List<MatchTier> tiers() {
        if (isEmpty()) {
            return List.of(MatchTier.PREFIX);
        }
        if (length(text) < CONTAINS_MIN) {
            return List.of(MatchTier.EXACT, MatchTier.PREFIX);
        }
        return List.of(MatchTier.EXACT, MatchTier.PREFIX, MatchTier.CONTAINS);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    @Override
    public String toString() {
        return "SearchTerm[" + length(text) + " characters]";
    }
}
