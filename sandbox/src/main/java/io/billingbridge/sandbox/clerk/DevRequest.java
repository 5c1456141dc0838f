package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the dev instance, read off the wire: the decoded path, the query, the headers, the raw body,
 * the path parameters its route captured, and the trace id its response will carry.
 */
record DevRequest(String method, String path, Map<String, String> pathParams, Map<String, String> query,
        Headers headers, byte[] body, String traceId) {

    /** Reads the whole request; the route's parameters come later, with {@link #matched}. */
    static DevRequest read(HttpExchange exchange, String traceId) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new DevRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.of(),
                parseForm(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body, traceId);
    }

    /** This request with the parameters its route captured. */
    DevRequest matched(Map<String, String> params) {
        return new DevRequest(method, path, Map.copyOf(params), query, headers, body, traceId);
    }

    String path(String name) {
        return pathParams.get(name);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /**
     * The body as a JSON object: an empty body is an empty object, a form body becomes an object of strings.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the body is not JSON
     * @throws IllegalArgumentException if it is JSON but not an object
     */
    JsonNode json() throws IOException {
        if (body.length == 0) {
            return DevJson.MAPPER.createObjectNode();
        }
        if (header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            return DevJson.MAPPER.valueToTree(parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        JsonNode node = DevJson.MAPPER.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return node;
    }

    /**
     * The {@code public_metadata} object of a JSON body, as a metadata patch; empty when absent or null.
     *
     * @throws IllegalArgumentException if it is not an object
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> publicMetadataPatch() throws IOException {
        JsonNode metadata = json().get("public_metadata");
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw new IllegalArgumentException("public_metadata must be an object");
        }
        return DevJson.MAPPER.convertValue(metadata, LinkedHashMap.class);
    }

    /** A field of a JSON body as text; null when missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return result;
    }
}
