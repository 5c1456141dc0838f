package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records Stripe events for state changes and hands them to the webhook dispatcher. */
final class EventLog {

    private final ObjectStore store;
    private final SandboxClock clock;
    private final WebhookDispatcher dispatcher;

    EventLog(ObjectStore store, SandboxClock clock, WebhookDispatcher dispatcher) {
        this.store = store;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** Publishes an event whose {@code data.object} is a snapshot of the object as it is now. */
    ObjectNode publish(String type, ObjectNode object, Origin origin) {
        return publish(type, object, null, origin);
    }

    /** Publishes an event with {@code data.previous_attributes}, as Stripe does for {@code *.updated}. */
    ObjectNode publish(String type, ObjectNode object, ObjectNode previousAttributes, Origin origin) {
        ObjectNode event = Json.object();
        event.put("id", Ids.next("evt"));
        event.put("object", "event");
        event.put("api_version", StripeEmulatorConfig.API_VERSION);
        event.put("created", clock.now());
        ObjectNode data = Json.object();
        ObjectNode snapshot = object.deepCopy();
        snapshot.remove(internal(snapshot));
        data.set("object", snapshot);
        if (previousAttributes != null) {
            data.set("previous_attributes", previousAttributes);
        }
        event.set("data", data);
        event.put("livemode", false);
        List<ObjectNode> endpoints = store.all("webhook_endpoint", endpoint -> listensTo(endpoint, type));
        event.put("pending_webhooks", endpoints.size());
        ObjectNode request = Json.object();
        request.put("id", origin.requestId());
        request.put("idempotency_key", origin.idempotencyKey());
        event.set("request", request);
        event.put("type", type);
        store.put(event);
        String payload = new String(Json.bytes(event), StandardCharsets.UTF_8);
        for (int i = endpoints.size() - 1; i >= 0; i--) {
            ObjectNode endpoint = endpoints.get(i);
            String id = endpoint.get("id").asText();
            store.webhookSecret(id).ifPresent(secret -> dispatcher.enqueue(id, endpoint.get("url").asText(), secret,
                    event.get("id").asText(), type, payload));
        }
        return event;
    }

    private static List<String> internal(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("_")) {
                names.add(name);
            }
        });
        return names;
    }

    private static boolean listensTo(ObjectNode endpoint, String type) {
        if (!"enabled".equals(endpoint.path("status").asText())) {
            return false;
        }
        for (JsonNode enabled : endpoint.path("enabled_events")) {
            if ("*".equals(enabled.asText()) || type.equals(enabled.asText())) {
                return true;
            }
        }
        return false;
    }
}
