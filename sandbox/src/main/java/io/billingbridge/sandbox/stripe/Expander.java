package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/** Implements {@code expand[]}: replaces id strings at the given dotted paths with the objects they name. */
final class Expander {

    private static final int MAX_DEPTH = 4;
    private static final Pattern ID = Pattern.compile("[a-z]+(_[a-z]+)?_[A-Za-z0-9]+");

    private final ObjectStore store;

    Expander(ObjectStore store) {
        this.store = store;
    }

    /** Expands a copy of the object; the stored object is never changed. */
    ObjectNode render(ObjectNode stored, List<String> paths) {
        ObjectNode copy = stored.deepCopy();
        for (String path : paths) {
            String[] segments = path.split("\\.");
            if (segments.length > MAX_DEPTH) {
                throw StripeApiException.invalid("expand", "You cannot expand more than 4 levels of a property."
                        + " Property: " + path);
            }
            expand(copy, segments, 0, path);
        }
        return copy;
    }

    private void expand(ObjectNode node, String[] segments, int index, String path) {
        String field = segments[index];
        if (!node.has(field)) {
            throw StripeApiException.invalid("expand", "This property cannot be expanded (" + path + ").");
        }
        JsonNode child = node.get(field);
        if (child.isTextual()) {
            ObjectNode target = store.find(child.asText()).map(ObjectNode::deepCopy).orElse(null);
            if (target == null) {
                if (!ID.matcher(child.asText()).matches()) {
                    throw StripeApiException.invalid("expand", "This property cannot be expanded (" + path + ").");
                }
                return;
            }
            node.set(field, target);
            child = target;
        } else if (child.isObject() && index == segments.length - 1) {
            return;
        } else if (child.isNull()) {
            return;
        } else if (index == segments.length - 1 && !child.isArray()) {
            throw StripeApiException.invalid("expand", "This property cannot be expanded (" + path + ").");
        }
        if (index == segments.length - 1) {
            if (child.isArray()) {
                ArrayNode array = (ArrayNode) child;
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        JsonNode target = store.find(array.get(i).asText()).map(ObjectNode::deepCopy).orElse(null);
                        if (target != null) {
                            array.set(i, target);
                        }
                    }
                }
            }
            return;
        }
        if (child.isArray()) {
            for (JsonNode element : child) {
                if (element.isObject()) {
                    expand((ObjectNode) element, segments, index + 1, path);
                }
            }
        } else if (child.isObject()) {
            expand((ObjectNode) child, segments, index + 1, path);
        }
    }
}
