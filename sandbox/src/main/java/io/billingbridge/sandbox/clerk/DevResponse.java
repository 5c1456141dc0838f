package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dev instance answers: a status, a body of some content type (none for a null body) and extra
 * headers such as {@code Set-Cookie} or {@code Retry-After}.
 */
record DevResponse(int status, String contentType, String body, Map<String, String> headers) {

    DevResponse {
        headers = Map.copyOf(headers);
    }

    static DevResponse json(int status, JsonNode body) throws JsonProcessingException {
        return new DevResponse(status, "application/json", DevJson.MAPPER.writeValueAsString(body), Map.of());
    }

    static DevResponse rawJson(String body) {
        return new DevResponse(200, "application/json", body, Map.of());
    }

    static DevResponse html(String body) {
        return new DevResponse(200, "text/html; charset=utf-8", body, Map.of());
    }

    static DevResponse empty(int status) {
        return new DevResponse(status, null, null, Map.of());
    }

    /** A Clerk API error: {@code {"errors":[{message,long_message,code}],"clerk_trace_id"}}. */
    static DevResponse error(int status, String code, String message, String traceId) {
        try {
            return json(status, DevJson.error(code, message, traceId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an error body", e);
        }
    }

    /** Clerk's 404 {@code resource_not_found}, for an unknown path or object alike. */
    static DevResponse notFound(String traceId) {
        return error(404, "resource_not_found", "not found", traceId);
    }

    /** This response with one more header. */
    DevResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DevResponse(status, contentType, body, more);
    }

    /** Writes this response, with the trace id every answer of the dev instance carries. */
    void writeTo(HttpExchange exchange, String traceId) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("X-Clerk-Trace-Id", traceId);
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
