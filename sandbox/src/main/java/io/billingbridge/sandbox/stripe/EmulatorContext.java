package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** What the resource handlers share: state, time, events, expansion and the emulator's own URL. */
final class EmulatorContext {

    final ObjectStore store;
    final SandboxClock clock;
    final EventLog events;
    final Expander expander;
    final MeterLedger meters = new MeterLedger();
    private volatile String baseUrl = "http://127.0.0.1";
    private BiConsumer<String, Origin> subscriptionsChanged = (customer, origin) -> { };

    EmulatorContext(ObjectStore store, SandboxClock clock, EventLog events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.expander = new Expander(store);
    }

    String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void onSubscriptionsChanged(BiConsumer<String, Origin> listener) {
        this.subscriptionsChanged = listener;
    }

    /** Call at the end of a flow that changed a customer's subscriptions (entitlements may follow). */
    void subscriptionsChanged(String customerId, Origin origin) {
        subscriptionsChanged.accept(customerId, origin);
    }

    long now() {
        return clock.now();
    }

    /** The response form of a stored object: a copy without internal fields, expanded as asked. */
    ObjectNode render(ObjectNode stored, List<String> expand) {
        ObjectNode copy = expander.render(stored, expand);
        copy.remove(internalFields(copy));
        return copy;
    }

    private static List<String> internalFields(ObjectNode node) {
        ArrayList<String> internal = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.startsWith("_")) {
                internal.add(name);
            }
        }
        return internal;
    }

    /** Applies Stripe's metadata update rules: empty value unsets a key, an empty hash clears all. */
    static void applyMetadata(ObjectNode target, FormParams params) {
        if (params.cleared("metadata")) {
            target.set("metadata", Json.object());
            return;
        }
        ObjectNode metadata = target.get("metadata") instanceof ObjectNode existing ? existing : Json.object();
        for (Map.Entry<String, String> entry : params.map("metadata").entrySet()) {
            if (entry.getKey().length() > 40) {
                throw StripeApiException.invalid("metadata[" + entry.getKey() + "]",
                        "Metadata keys can have a maximum length of 40 characters.");
            }
            if (entry.getValue().isEmpty()) {
                metadata.remove(entry.getKey());
            } else {
                metadata.put(entry.getKey(), entry.getValue());
            }
        }
        if (metadata.size() > 50) {
            throw StripeApiException.invalid("metadata", "You can have a maximum of 50 metadata keys.");
        }
        target.set("metadata", metadata);
    }

    /** The top-level fields whose values differ, with their old values: Stripe's {@code previous_attributes}. */
    static ObjectNode previousAttributes(ObjectNode before, ObjectNode after) {
        ObjectNode previous = Json.object();
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            if (!field.getKey().startsWith("_") && !field.getValue().equals(after.get(field.getKey()))) {
                previous.set(field.getKey(), field.getValue());
            }
        }
        return previous;
    }

    /** Publishes {@code type} with previous attributes when anything changed; returns whether it did. */
    boolean publishUpdate(String type, ObjectNode before, ObjectNode after, Origin origin) {
        ObjectNode previous = previousAttributes(before, after);
        if (previous.isEmpty()) {
            return false;
        }
        events.publish(type, stripInternal(after), previous, origin);
        return true;
    }

    ObjectNode stripInternal(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(internalFields(copy));
        return copy;
    }
}
