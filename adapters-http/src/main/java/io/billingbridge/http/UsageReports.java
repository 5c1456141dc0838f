package io.billingbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.usage.ReportUsage;
import io.billingbridge.core.usage.UsageEvent;
import io.billingbridge.core.usage.UsageIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/usage}, one event object or {@code {"events": [...]}}, into usage events,
 * naming the event (by its index) and the field of the first mistake.
 */
final class UsageReports {
    private static final Set<String> FIELDS = Set.of("ownerType", "ownerId", "event", "value", "identifier",
            "timestamp");
    private static final String CODE = "invalid_usage_event";

    private UsageReports() {
    }

    /**
     * The events of a report body.
     *
     * @throws InvalidRequest naming the event and field at fault
     */
    static List<UsageEvent> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest(CODE, "the body is one usage event object or {\"events\": [...]}");
        }
        if (!body.has("events")) {
            return List.of(event(0, body));
        }
        if (body.size() != 1) {
            throw new InvalidRequest(CODE, "a batch has only the field 'events'", "events");
        }
        JsonNode events = body.get("events");
        if (!events.isArray()) {
            throw new InvalidRequest(CODE, "'events' is an array of usage events", "events");
        }
        ReportUsage.requireSize(events.size());
        List<UsageEvent> read = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            read.add(event(i, events.get(i)));
        }
        return read;
    }

    private static UsageEvent event(int index, JsonNode node) {
        if (!node.isObject()) {
            throw invalid(index, null, "an event is an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(index, null, "unknown field '" + (name.length() <= 32 ? name
                        : name.substring(0, 32) + "...") + "'");
            }
        }
        OwnerType type = OwnerType.fromWireName(text(index, node, "ownerType"))
                .orElseThrow(() -> invalid(index, "ownerType", "ownerType is 'user' or 'organization'"));
        Owner owner;
        try {
            owner = Owner.of(type, text(index, node, "ownerId"));
        } catch (IllegalArgumentException e) {
            throw invalid(index, "ownerId", "ownerId is not a Clerk " + type.wireName() + " id");
        }
        String eventName = text(index, node, "event");
        JsonNode value = node.get("value");
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0
                || value.asLong() > UsageEvent.MAX_VALUE) {
            throw invalid(index, "value", "value is a whole number (a JSON integer) from 0 to "
                    + UsageEvent.MAX_VALUE);
        }
        UsageIdentifier identifier;
        try {
            identifier = new UsageIdentifier(text(index, node, "identifier"));
        } catch (IllegalArgumentException e) {
            throw invalid(index, "identifier", e.getMessage());
        }
        Optional<Instant> timestamp = Optional.empty();
        JsonNode at = node.get("timestamp");
        if (at != null && !at.isNull()) {
            if (!at.isIntegralNumber() || !at.canConvertToLong() || at.asLong() < 0
                    || at.asLong() > Instant.MAX.getEpochSecond()) {
                throw invalid(index, "timestamp", "timestamp is a time in Unix seconds");
            }
            timestamp = Optional.of(Instant.ofEpochSecond(at.asLong()));
        }
        try {
            return new UsageEvent(owner, eventName, value.asLong(), identifier, timestamp);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() != null && e.getMessage().startsWith("value") ? "value" : "event";
            throw invalid(index, field, e.getMessage());
        }
    }

    private static String text(int index, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(index, field, field + " is required, as a string");
        }
        return value.asText();
    }

    private static InvalidRequest invalid(int index, String field, String why) {
        return new InvalidRequest(CODE, ReportUsage.at(index) + why,
                field == null ? "events[" + index + "]" : ReportUsage.at(index, field));
    }
}
