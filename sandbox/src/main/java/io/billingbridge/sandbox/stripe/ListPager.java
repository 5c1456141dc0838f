package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Stripe's cursor pagination over a newest-first list: {@code limit}, {@code starting_after}, {@code ending_before}. */
final class ListPager {

    private ListPager() {
    }

    static int limit(FormParams params) {
        long limit = params.integer("limit", 10);
        if (limit < 1) {
            throw StripeApiException.invalid("limit", "This value must be greater than or equal to 1.");
        }
        if (limit > 100) {
            throw StripeApiException.invalid("limit",
                    "This value must be less than or equal to 100 (it currently is '" + limit + "').");
        }
        return (int) limit;
    }

    /** Keeps the objects whose {@code created} matches {@code created} or {@code created[gt|gte|lt|lte]}. */
    static List<ObjectNode> filterCreated(List<ObjectNode> objects, FormParams params) {
        Long exact = params.integer("created");
        Map<String, String> range = params.map("created");
        if (exact == null && range.isEmpty()) {
            return objects;
        }
        FormParams bounds = params.sub("created");
        Long gt = bounds.integer("gt");
        Long gte = bounds.integer("gte");
        Long lt = bounds.integer("lt");
        Long lte = bounds.integer("lte");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode node : objects) {
            long created = node.path("created").asLong();
            if ((exact == null || created == exact) && (gt == null || created > gt) && (gte == null || created >= gte)
                    && (lt == null || created < lt) && (lte == null || created <= lte)) {
                out.add(node);
            }
        }
        return out;
    }

    /**
     * One page of a list object.
     *
     * @param render turns a stored object into its response form (copy and expand)
     */
    static ObjectNode page(List<ObjectNode> newestFirst, FormParams params, String url, String resourceName,
            UnaryOperator<ObjectNode> render) {
        int limit = limit(params);
        List<ObjectNode> objects = filterCreated(newestFirst, params);
        String startingAfter = params.string("starting_after");
        String endingBefore = params.string("ending_before");
        if (startingAfter != null && endingBefore != null) {
            throw StripeApiException.invalid("ending_before",
                    "You may only specify one of these parameters: ending_before, starting_after.");
        }
        int from;
        int to;
        boolean hasMore;
        if (endingBefore != null) {
            int cursor = indexOf(objects, endingBefore, resourceName, "ending_before");
            to = cursor;
            from = Math.max(0, cursor - limit);
            hasMore = from > 0;
        } else {
            from = startingAfter == null ? 0 : indexOf(objects, startingAfter, resourceName, "starting_after") + 1;
            to = Math.min(objects.size(), from + limit);
            hasMore = to < objects.size();
        }
        ArrayNode data = Json.array();
        for (ObjectNode node : objects.subList(from, to)) {
            data.add(render.apply(node));
        }
        return Json.list(url, data, hasMore);
    }

    private static int indexOf(List<ObjectNode> objects, String id, String resourceName, String param) {
        for (int i = 0; i < objects.size(); i++) {
            if (id.equals(objects.get(i).path("id").asText())) {
                return i;
            }
        }
        throw StripeApiException.noSuch(resourceName, id, param);
    }
}
