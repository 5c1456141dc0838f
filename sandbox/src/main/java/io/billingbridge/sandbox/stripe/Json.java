package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/** Small helpers for building and writing the JSON objects the emulator serves. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ObjectNode map(Map<String, String> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    /** Returns an object whose fields are all JSON null, for Stripe's address-like hashes. */
    static ObjectNode nulls(String... fields) {
        ObjectNode node = object();
        for (String field : fields) {
            node.putNull(field);
        }
        return node;
    }

    static ObjectNode address() {
        return nulls("city", "country", "line1", "line2", "postal_code", "state");
    }

    static ObjectNode list(String url, ArrayNode data, boolean hasMore) {
        ObjectNode list = object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
