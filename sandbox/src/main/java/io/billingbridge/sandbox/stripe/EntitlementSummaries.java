package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@code entitlements.active_entitlement_summary.updated} when a customer's active entitlements change,
 * as Stripe does after subscription changes.
 */
final class EntitlementSummaries {

    private final EmulatorContext ctx;
    private final CatalogResource catalog;
    private final Map<String, ObjectNode> lastPublished = new HashMap<>();

    EntitlementSummaries(EmulatorContext ctx, CatalogResource catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    /** Must run inside {@link ObjectStore#atomically}. */
    void check(String customerId, Origin origin) {
        List<ObjectNode> entitlements = catalog.activeEntitlements(customerId);
        ArrayNode data = Json.array();
        entitlements.forEach(data::add);
        ObjectNode list = Json.list("/v1/customer/" + customerId + "/entitlements", data, false);
        ObjectNode previous = lastPublished.get(customerId);
        ArrayNode previousData = previous == null ? Json.array() : (ArrayNode) previous.get("data");
        if (previousData.equals(data)) {
            return;
        }
        lastPublished.put(customerId, list);
        ObjectNode previousAttributes = Json.object();
        previousAttributes.set("entitlements", previous == null
                ? Json.list(list.get("url").asText(), Json.array(), false) : previous);
        ctx.events.publish("entitlements.active_entitlement_summary.updated",
                StripeObjects.activeEntitlementSummary(customerId, list), previousAttributes, origin);
    }

    void reset() {
        lastPublished.clear();
    }
}
