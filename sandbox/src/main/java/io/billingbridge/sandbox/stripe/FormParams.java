package io.billingbridge.sandbox.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stripe-style form parameters: flat keys such as {@code line_items[0][price]} or {@code metadata[k]},
 * read through accessors that understand nesting and report errors with the full parameter name.
 */
final class FormParams {

    private static final Pattern INDEXED = Pattern.compile("^\\[(\\d+)](.*)$");
    private static final Pattern SEGMENT = Pattern.compile("^\\[([^\\[\\]]*)](.*)$");

    private final Map<String, String> values;
    private final String prefix;

    private FormParams(Map<String, String> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    static FormParams empty() {
        return new FormParams(Map.of(), "");
    }

    /** Parses {@code application/x-www-form-urlencoded} text; {@code a[]} keys get consecutive indexes. */
    static FormParams parse(String... encodedParts) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> appendCounters = new HashMap<>();
        for (String encoded : encodedParts) {
            if (encoded == null || encoded.isEmpty()) {
                continue;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                int append = key.indexOf("[]");
                if (append > 0) {
                    String head = key.substring(0, append);
                    int index = appendCounters.merge(head, 1, Integer::sum) - 1;
                    key = head + "[" + index + "]" + key.substring(append + 2);
                }
                values.put(key, value);
            }
        }
        return new FormParams(Collections.unmodifiableMap(values), "");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeApiException.invalid(null, "Invalid form encoding in request body.");
        }
    }

    Set<String> keys() {
        return values.keySet();
    }

    /** The full parameter name of a key of this (possibly nested) parameter set, as Stripe reports it. */
    String qualified(String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        int bracket = key.indexOf('[');
        return bracket < 0 ? prefix + "[" + key + "]"
                : prefix + "[" + key.substring(0, bracket) + "]" + key.substring(bracket);
    }

    boolean has(String name) {
        if (values.containsKey(name)) {
            return true;
        }
        String open = name + "[";
        for (String key : values.keySet()) {
            if (key.startsWith(open)) {
                return true;
            }
        }
        return false;
    }

    String string(String key) {
        return values.get(key);
    }

    String string(String key, String fallback) {
        String value = values.get(key);
        return value == null ? fallback : value;
    }

    String require(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw StripeApiException.missingParameter(qualified(key));
        }
        return value;
    }

    Long integer(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw StripeApiException.invalidInteger(qualified(key), value);
        }
    }

    long integer(String key, long fallback) {
        Long value = integer(key);
        return value == null ? fallback : value;
    }

    Boolean bool(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw StripeApiException.invalid("parameter_invalid_boolean", qualified(key), "Invalid boolean: " + value);
    }

    String oneOf(String key, String fallback, String... allowed) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw StripeApiException.invalid(qualified(key), "Invalid " + qualified(key) + ": must be one of "
                + String.join(", ", allowed));
    }

    /** A hash parameter such as {@code metadata}: key to value; an empty value means "unset this key". */
    Map<String, String> map(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String open = name + "[";
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(open) && key.endsWith("]") && key.indexOf('[', open.length()) < 0) {
                out.put(key.substring(open.length(), key.length() - 1), entry.getValue());
            }
        }
        return out;
    }

    /** True when the whole hash was sent as an empty string, which Stripe reads as "clear it". */
    boolean cleared(String name) {
        return "".equals(values.get(name));
    }

    /** An array of scalars such as {@code expand[0]=a&expand[1]=b}, in index order. */
    List<String> list(String name) {
        TreeMap<Integer, String> ordered = new TreeMap<>();
        String open = name + "[";
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(open)) {
                Matcher m = INDEXED.matcher(key.substring(name.length()));
                if (m.matches() && m.group(2).isEmpty()) {
                    ordered.put(Integer.parseInt(m.group(1)), entry.getValue());
                }
            }
        }
        return new ArrayList<>(ordered.values());
    }

    /** An array of hashes such as {@code line_items[0][price]}, each as its own parameter set. */
    List<FormParams> objects(String name) {
        TreeMap<Integer, Map<String, String>> ordered = new TreeMap<>();
        String open = name + "[";
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(open)) {
                continue;
            }
            Matcher m = INDEXED.matcher(key.substring(name.length()));
            if (m.matches() && !m.group(2).isEmpty()) {
                String inner = unwrapFirst(m.group(2));
                if (inner != null) {
                    ordered.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                            .put(inner, entry.getValue());
                }
            }
        }
        List<FormParams> out = new ArrayList<>();
        ordered.forEach((index, map) -> out.add(new FormParams(map, qualified(name) + "[" + index + "]")));
        return out;
    }

    /** A nested hash such as {@code subscription_data[...]}, as its own parameter set. */
    FormParams sub(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String open = name + "[";
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(open)) {
                String inner = unwrapFirst(key.substring(name.length()));
                if (inner != null) {
                    out.put(inner, entry.getValue());
                }
            }
        }
        return new FormParams(out, qualified(name));
    }

    private static String unwrapFirst(String rest) {
        Matcher m = SEGMENT.matcher(rest);
        return m.matches() ? m.group(1) + m.group(2) : null;
    }

    /** A canonical rendering used to compare the parameters of two requests. */
    String canonical() {
        return new TreeMap<>(values).toString();
    }
}
