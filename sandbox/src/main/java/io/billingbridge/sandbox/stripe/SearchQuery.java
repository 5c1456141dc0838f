package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Stripe's search query language the emulator understands: exact-match clauses
 * {@code field:'value'} and {@code metadata['key']:'value'}, optionally negated with {@code -}, joined by
 * {@code AND} or by {@code OR} (not both, as in Stripe).
 */
final class SearchQuery {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(-?)([a-z_]+)(?:\\[(['\"])(.+?)\\3])?:(['\"])(.*?)\\5\\s*");

    /** One {@code field:'value'} clause. */
    private record Clause(boolean negated, String field, String metadataKey, String value) {

        boolean matches(ObjectNode object) {
            String actual = metadataKey == null ? Json.text(object, field)
                    : object.path("metadata").path(metadataKey).asText(null);
            boolean equal = actual != null && ("email".equals(field) ? actual.equalsIgnoreCase(value)
                    : actual.equals(value));
            return negated != equal;
        }
    }

    private final List<Clause> clauses;
    private final boolean any;

    private SearchQuery(List<Clause> clauses, boolean any) {
        this.clauses = clauses;
        this.any = any;
    }

    static SearchQuery parse(String query, String resource, List<String> fields) {
        boolean hasAnd = query.contains(" AND ");
        boolean hasOr = query.contains(" OR ");
        if (hasAnd && hasOr) {
            throw StripeApiException.invalid("query",
                    "Using both AND and OR in the same query is not supported. Please use only AND or only OR.");
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : query.split(hasOr ? " OR " : " AND ")) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw StripeApiException.invalid("query", "Could not parse the query: " + query.trim()
                        + ". Please see https://stripe.com/docs/search#search-query-language for the syntax.");
            }
            String field = m.group(2).toLowerCase(Locale.ROOT);
            if (!fields.contains(field) || ("metadata".equals(field) != (m.group(4) != null))) {
                throw StripeApiException.invalid("query", "Field `" + field
                        + "` is an unsupported search field for resource `" + resource
                        + "`. See http://stripe.com/docs/search#query-fields-for-" + resource
                        + " for a list of supported fields.");
            }
            clauses.add(new Clause(!m.group(1).isEmpty(), field, m.group(4), m.group(6)));
        }
        return new SearchQuery(List.copyOf(clauses), hasOr);
    }

    boolean matches(ObjectNode object) {
        for (Clause clause : clauses) {
            boolean match = clause.matches(object);
            if (any && match) {
                return true;
            }
            if (!any && !match) {
                return false;
            }
        }
        return !any;
    }
}
