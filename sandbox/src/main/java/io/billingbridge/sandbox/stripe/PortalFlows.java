package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A portal session's {@code flow_data}: a deep link straight to one step, validated as Stripe does. */
final class PortalFlows {

    private PortalFlows() {
    }

    /** The session's {@code flow} object for these {@code flow_data[...]} parameters, or Stripe's error. */
    static ObjectNode flow(EmulatorContext ctx, FormParams data, String customer, ObjectNode configuration) {
        String type = data.string("type");
        if (type == null || type.isEmpty()) {
            throw StripeApiException.missingParameter("flow_data[type]");
        }
        data.oneOf("type", null, "payment_method_update", "subscription_cancel", "subscription_update",
                "subscription_update_confirm");
        ObjectNode flow = Json.object();
        flow.set("after_completion", afterCompletion(data.sub("after_completion")));
        flow.putNull("subscription_cancel");
        flow.putNull("subscription_update");
        flow.putNull("subscription_update_confirm");
        flow.put("type", type);
        JsonNode features = configuration.get("features");
        switch (type) {
            case "payment_method_update" -> requireFeature(features, "payment_method_update", type);
            case "subscription_cancel" -> {
                requireFeature(features, "subscription_cancel", type);
                ObjectNode subscription = subscription(ctx, data.sub("subscription_cancel"), customer);
                if (subscription.get("cancel_at_period_end").asBoolean() || subscription.get("cancel_at").isNumber()) {
                    throw StripeApiException.invalid("flow_data[subscription_cancel][subscription]",
                            "The subscription " + subscription.get("id").asText()
                                    + " is already set to be canceled and cannot be canceled again.");
                }
                ObjectNode cancel = Json.object();
                cancel.putNull("retention");
                cancel.set("subscription", subscription.get("id"));
                flow.set("subscription_cancel", cancel);
            }
            case "subscription_update" -> {
                requireFeature(features, "subscription_update", type);
                ObjectNode subscription = subscription(ctx, data.sub("subscription_update"), customer);
                ObjectNode update = Json.object();
                update.set("subscription", subscription.get("id"));
                flow.set("subscription_update", update);
            }
            default -> flow.set("subscription_update_confirm", updateConfirm(ctx, data, customer, configuration));
        }
        return flow;
    }

    private static ObjectNode afterCompletion(FormParams after) {
        String type = after.oneOf("type", "portal_homepage", "hosted_confirmation", "portal_homepage", "redirect");
        ObjectNode node = Json.object();
        node.putNull("hosted_confirmation");
        node.putNull("redirect");
        node.put("type", type);
        if ("redirect".equals(type)) {
            String url = after.sub("redirect").string("return_url");
            if (url == null || url.isEmpty()) {
                throw StripeApiException.missingParameter("flow_data[after_completion][redirect][return_url]");
            }
            if (!url.matches("(?i)https?://\\S+")) {
                throw StripeApiException.invalid("url_invalid", "flow_data[after_completion][redirect][return_url]",
                        "Not a valid URL");
            }
            ObjectNode redirect = Json.object();
            redirect.put("return_url", url);
            node.set("redirect", redirect);
        } else if ("hosted_confirmation".equals(type)) {
            ObjectNode confirmation = Json.object();
            confirmation.put("custom_message", after.sub("hosted_confirmation").string("custom_message"));
            node.set("hosted_confirmation", confirmation);
        }
        return node;
    }

    private static void requireFeature(JsonNode features, String feature, String type) {
        if (!features.get(feature).get("enabled").asBoolean()) {
            throw StripeApiException.invalid("flow_data[type]", "The flow type `" + type + "` cannot be used"
                    + " because the `" + feature + "` feature is disabled in this portal configuration.");
        }
    }

    private static ObjectNode subscription(EmulatorContext ctx, FormParams data, String customer) {
        String param = data.qualified("subscription");
        String id = data.string("subscription");
        if (id == null || id.isEmpty()) {
            throw StripeApiException.missingParameter(param);
        }
        ObjectNode subscription = ctx.store.referenced("subscription", id, "subscription", param);
        if (!customer.equals(subscription.get("customer").asText())) {
            throw StripeApiException.invalid(param, "The subscription " + id + " does not belong to the customer "
                    + customer + ".");
        }
        String status = subscription.get("status").asText();
        if ("canceled".equals(status) || "incomplete_expired".equals(status)) {
            throw StripeApiException.invalid(param, "The subscription " + id + " is " + status
                    + " and cannot be managed in the portal.");
        }
        return subscription;
    }

    private static ObjectNode updateConfirm(EmulatorContext ctx, FormParams data, String customer,
            ObjectNode configuration) {
        requireFeature(configuration.get("features"), "subscription_update", "subscription_update_confirm");
        FormParams confirm = data.sub("subscription_update_confirm");
        ObjectNode subscription = subscription(ctx, confirm, customer);
        List<FormParams> items = confirm.objects("items");
        if (items.isEmpty()) {
            throw StripeApiException.missingParameter(confirm.qualified("items"));
        }
        if (items.size() > 1) {
            throw StripeApiException.invalid(confirm.qualified("items"),
                    "Only one item can be updated in a subscription_update_confirm flow.");
        }
        ArrayNode out = Json.array();
        for (FormParams item : items) {
            String itemId = item.require("id");
            boolean found = false;
            for (JsonNode existing : subscription.get("items").get("data")) {
                found |= itemId.equals(existing.get("id").asText());
            }
            if (!found) {
                throw StripeApiException.invalid(item.qualified("id"), "The subscription item " + itemId
                        + " does not belong to the subscription " + subscription.get("id").asText() + ".");
            }
            String price = item.string("price");
            if (price != null && !price.isEmpty()) {
                ctx.store.referenced("price", price, "price", item.qualified("price"));
                if (!PortalFeatures.offersPrice(configuration, price)) {
                    throw StripeApiException.invalid(item.qualified("price"), "The price " + price
                            + " is not one of the prices this portal configuration allows switching to.");
                }
            }
            Long quantity = item.integer("quantity");
            if (quantity != null && quantity < 1) {
                throw StripeApiException.invalid(item.qualified("quantity"),
                        "This value must be greater than or equal to 1.");
            }
            ObjectNode node = Json.object();
            node.put("id", itemId);
            node.put("price", price == null || price.isEmpty() ? null : price);
            if (quantity == null) {
                node.putNull("quantity");
            } else {
                node.put("quantity", quantity);
            }
            out.add(node);
        }
        ObjectNode node = Json.object();
        node.set("discounts", Json.array());
        node.set("items", out);
        node.set("subscription", subscription.get("id"));
        return node;
    }
}
