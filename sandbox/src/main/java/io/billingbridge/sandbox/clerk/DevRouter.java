package io.billingbridge.sandbox.clerk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a method and a path template such as {@code /v1/users/{id}} to a handler and the parameters it captured.
 *
 * <p>Paths are split on {@code /} with trailing empty segments dropped, so {@code /v1/users/} matches
 * {@code /v1/users}; a parameter matches any one segment. {@link #ANY_METHOD} matches every method.
 */
final class DevRouter {

    /** The method of a route that answers whatever the request's method is. */
    static final String ANY_METHOD = "*";

    /** Handles one matched request. */
    @FunctionalInterface
    interface Handler {
        DevResponse handle(DevRequest request) throws IOException;
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    /** A matched handler with the path parameters it captured. */
    record Match(Handler handler, Map<String, String> pathParams) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, Handler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a template starts with /: " + template);
        }
        routes.add(new Route(method, segments(template), handler));
    }

    /** The answer of the route matching the request's method and path; empty when none does. */
    Optional<DevResponse> answer(DevRequest request) throws IOException {
        Optional<Match> match = match(request.method(), request.path());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(match.get().handler().handle(request.matched(match.get().pathParams())));
    }

    Optional<Match> match(String method, String path) {
        String[] parts = segments(path);
        for (Route route : routes) {
            if (!route.method().equals(ANY_METHOD) && !route.method().equals(method)) {
                continue;
            }
            Map<String, String> params = bind(route.segments(), parts);
            if (params != null) {
                return Optional.of(new Match(route.handler(), params));
            }
        }
        return Optional.empty();
    }

    /** The parameters {@code parts} give the template's placeholders, or null if they do not fit it. */
    private static Map<String, String> bind(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = template[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] segments(String path) {
        return path.isEmpty() ? new String[0] : path.substring(1).split("/");
    }
}
