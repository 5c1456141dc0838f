package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The {@code features} of a portal configuration: parsed from {@code features[...]} parameters onto the current
 * features, validated as Stripe does, and read by the hosted portal page.
 */
final class PortalFeatures {

    private static final Set<String> FEATURES = Set.of("customer_update", "invoice_history", "payment_method_update",
            "subscription_cancel", "subscription_update");
    private static final String[] CUSTOMER_UPDATES = {"address", "email", "name", "phone", "shipping", "tax_id"};
    private static final String[] REASONS = {"customer_service", "low_quality", "missing_features", "other",
        "switched_service", "too_complex", "too_expensive", "unused"};
    private static final String[] PRORATIONS = {"always_invoice", "create_prorations", "none"};

    private PortalFeatures() {
    }

    /** Applies the parameters to {@code features} (a copy) and returns it, or throws Stripe's error. */
    static ObjectNode apply(EmulatorContext ctx, ObjectNode features, FormParams params) {
        for (String key : params.keys()) {
            String feature = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
            if (!FEATURES.contains(feature)) {
                throw StripeApiException.unknownParameter(params.qualified(key));
            }
        }
        FormParams customer = params.sub("customer_update");
        ObjectNode customerUpdate = (ObjectNode) features.get("customer_update");
        enabled(customerUpdate, customer);
        if (customer.cleared("allowed_updates")) {
            customerUpdate.set("allowed_updates", Json.array());
        } else if (customer.has("allowed_updates")) {
            ArrayNode allowed = Json.array();
            for (int i = 0; i < customer.list("allowed_updates").size(); i++) {
                allowed.add(customer.oneOf("allowed_updates[" + i + "]", null, CUSTOMER_UPDATES));
            }
            customerUpdate.set("allowed_updates", allowed);
        }
        enabled((ObjectNode) features.get("invoice_history"), params.sub("invoice_history"));
        enabled((ObjectNode) features.get("payment_method_update"), params.sub("payment_method_update"));

        FormParams cancel = params.sub("subscription_cancel");
        ObjectNode subscriptionCancel = (ObjectNode) features.get("subscription_cancel");
        enabled(subscriptionCancel, cancel);
        if (cancel.string("mode") != null) {
            subscriptionCancel.put("mode", cancel.oneOf("mode", null, "at_period_end", "immediately"));
        }
        if (cancel.string("proration_behavior") != null) {
            subscriptionCancel.put("proration_behavior", cancel.oneOf("proration_behavior", null, PRORATIONS));
        }
        FormParams reason = cancel.sub("cancellation_reason");
        ObjectNode cancellationReason = (ObjectNode) subscriptionCancel.get("cancellation_reason");
        enabled(cancellationReason, reason);
        if (reason.has("options")) {
            ArrayNode options = Json.array();
            for (int i = 0; i < reason.list("options").size(); i++) {
                options.add(reason.oneOf("options[" + i + "]", null, REASONS));
            }
            cancellationReason.set("options", options);
        }
        if (cancellationReason.get("enabled").asBoolean() && cancellationReason.get("options").isEmpty()) {
            throw StripeApiException.missingParameter("features[subscription_cancel][cancellation_reason][options]");
        }

        FormParams update = params.sub("subscription_update");
        ObjectNode subscriptionUpdate = (ObjectNode) features.get("subscription_update");
        enabled(subscriptionUpdate, update);
        if (update.cleared("default_allowed_updates")) {
            subscriptionUpdate.set("default_allowed_updates", Json.array());
        } else if (update.has("default_allowed_updates")) {
            ArrayNode allowed = Json.array();
            for (int i = 0; i < update.list("default_allowed_updates").size(); i++) {
                allowed.add(update.oneOf("default_allowed_updates[" + i + "]", null, "price", "promotion_code",
                        "quantity"));
            }
            subscriptionUpdate.set("default_allowed_updates", allowed);
        }
        if (update.string("proration_behavior") != null) {
            subscriptionUpdate.put("proration_behavior", update.oneOf("proration_behavior", null, PRORATIONS));
        }
        if (update.cleared("products")) {
            subscriptionUpdate.set("products", Json.array());
        } else if (update.has("products")) {
            subscriptionUpdate.set("products", products(ctx, update.objects("products")));
        }
        if (subscriptionUpdate.get("enabled").asBoolean()
                && contains(subscriptionUpdate.get("default_allowed_updates"), "price")
                && subscriptionUpdate.path("products").isEmpty()
                && params.has("subscription_update")) {
            throw StripeApiException.missingParameter("features[subscription_update][products]");
        }
        return features;
    }

    private static void enabled(ObjectNode feature, FormParams params) {
        Boolean enabled = params.bool("enabled");
        if (enabled != null) {
            feature.put("enabled", enabled);
        }
    }

    private static ArrayNode products(EmulatorContext ctx, List<FormParams> entries) {
        if (entries.size() > 10) {
            throw StripeApiException.invalid("features[subscription_update][products]",
                    "You can specify at most 10 products.");
        }
        ArrayNode products = Json.array();
        for (FormParams entry : entries) {
            String productId = entry.require("product");
            ctx.store.referenced("product", productId, "product", entry.qualified("product"));
            List<String> priceIds = entry.list("prices");
            if (priceIds.isEmpty()) {
                throw StripeApiException.missingParameter(entry.qualified("prices"));
            }
            ArrayNode prices = Json.array();
            for (int i = 0; i < priceIds.size(); i++) {
                String param = entry.qualified("prices[" + i + "]");
                ObjectNode price = ctx.store.referenced("price", priceIds.get(i), "price", param);
                if (!productId.equals(price.get("product").asText())) {
                    throw StripeApiException.invalid(param, "The price " + priceIds.get(i)
                            + " does not belong to the product " + productId + ".");
                }
                if (!"recurring".equals(price.get("type").asText())) {
                    throw StripeApiException.invalid(param, "The price " + priceIds.get(i)
                            + " is not a recurring price. Only recurring prices can be used for subscription updates.");
                }
                prices.add(priceIds.get(i));
            }
            ObjectNode product = Json.object();
            product.set("prices", prices);
            product.put("product", productId);
            products.add(product);
        }
        return products;
    }

    static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the configuration lets a subscription switch to this price: listed under its product, or (for a
     * configuration that lists no products, like the account default) any active recurring price.
     */
    static boolean offersPrice(ObjectNode configuration, String priceId) {
        JsonNode update = configuration.get("features").get("subscription_update");
        if (!update.get("enabled").asBoolean() || !contains(update.get("default_allowed_updates"), "price")) {
            return false;
        }
        JsonNode products = update.path("products");
        if (products.isMissingNode() || products.isEmpty()) {
            return true;
        }
        for (JsonNode product : products) {
            if (contains(product.get("prices"), priceId)) {
                return true;
            }
        }
        return false;
    }
}
