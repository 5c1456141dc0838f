package io.billingbridge.sandbox.stripe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a method and a path template such as {@code /v1/customers/{id}} to a handler and its parameters. */
final class Router {

    /** Handles one matched API call. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** A registered endpoint. */
    record Route(String method, String[] segments, ParamSpec spec, Handler handler) {
    }

    /** A route together with the path parameters it captured. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, ParamSpec spec, Handler handler) {
        routes.add(new Route(method, template.substring(1).split("/"), spec, handler));
    }

    Match match(String method, String path) {
        String[] parts = path.substring(1).split("/", -1);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().length != parts.length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                String segment = route.segments()[i];
                if (segment.startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        matches = false;
                    } else {
                        params.put(segment.substring(1, segment.length() - 1), parts[i]);
                    }
                } else {
                    matches = segment.equals(parts[i]);
                }
            }
            if (matches) {
                return new Match(route, params);
            }
        }
        return null;
    }
}
