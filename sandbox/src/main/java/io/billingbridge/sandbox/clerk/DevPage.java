package io.billingbridge.sandbox.clerk;

import java.util.List;
import java.util.Map;

/** Clerk's offset pagination: {@code limit} 1-500 (default 10), {@code offset} from 0, {@code order_by}. */
record DevPage(int limit, int offset, boolean newestFirst) {

    DevPage {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** The page a request's query asks for; newest first unless {@code order_by} is {@code [+]created_at}. */
    static DevPage of(Map<String, String> query) {
        int limit = parseInt(query.getOrDefault("limit", "10"), "limit");
        int offset = parseInt(query.getOrDefault("offset", "0"), "offset");
        String order = query.getOrDefault("order_by", "-created_at").trim();
        return new DevPage(limit, offset, !order.equals("created_at") && !order.equals("+created_at"));
    }

    <T> List<T> slice(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }

    private static int parseInt(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
    }
}
