package io.billingbridge.sandbox.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters one endpoint accepts, so that anything else is refused with {@code parameter_unknown}.
 *
 * <p>Patterns name flat keys: {@code [#]} stands for an array index, {@code [*]} for any hash key and
 * {@code [**]} for any nesting below that point. {@code expand[#]} is always accepted.
 */
final class ParamSpec {

    private final List<Pattern> patterns;

    private ParamSpec(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static ParamSpec of(String... accepted) {
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(compile("expand[#]"));
        for (String pattern : accepted) {
            patterns.add(compile(pattern));
        }
        return new ParamSpec(List.copyOf(patterns));
    }

    /** Parameters of list endpoints plus the given filters. */
    static ParamSpec list(String... filters) {
        List<String> all = new ArrayList<>(List.of("limit", "starting_after", "ending_before", "created",
                "created[*]"));
        all.addAll(List.of(filters));
        return of(all.toArray(String[]::new));
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith("[#]", i)) {
                regex.append("\\[\\d+]");
                i += 3;
            } else if (pattern.startsWith("[**]", i)) {
                regex.append("(\\[[^\\[\\]]*])*");
                i += 4;
            } else if (pattern.startsWith("[*]", i)) {
                regex.append("\\[[^\\[\\]]+]");
                i += 3;
            } else {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    void validate(FormParams params) {
        for (String key : params.keys()) {
            boolean known = false;
            for (Pattern pattern : patterns) {
                if (pattern.matcher(key).matches()) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                throw StripeApiException.unknownParameter(key);
            }
        }
    }
}
