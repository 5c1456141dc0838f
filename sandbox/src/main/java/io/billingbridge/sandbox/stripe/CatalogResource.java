package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Products, prices, entitlement features, product features and active entitlements. */
final class CatalogResource {

    private static final String[] PRODUCT_WRITABLE = {"active", "description", "images[#]", "images",
        "marketing_features[#][name]", "marketing_features", "metadata", "metadata[*]", "name", "shippable",
        "statement_descriptor", "tax_code", "unit_label", "url"};
    private static final String[] PRICE_DATA = {"default_price_data[currency]", "default_price_data[unit_amount]",
        "default_price_data[unit_amount_decimal]", "default_price_data[recurring][interval]",
        "default_price_data[recurring][interval_count]", "default_price_data[tax_behavior]",
        "default_price_data[metadata][*]"};
    private static final Set<String> INTERVALS = Set.of("day", "week", "month", "year");

    private final EmulatorContext ctx;

    CatalogResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/v1/products", ParamSpec.of(CustomerResource.concat(
                CustomerResource.concat(PRODUCT_WRITABLE, PRICE_DATA), "id", "type")), this::createProduct);
        router.add("GET", "/v1/products", ParamSpec.list("active", "ids[#]", "shippable", "url"), this::listProducts);
        router.add("GET", "/v1/products/{id}", ParamSpec.of(), this::retrieveProduct);
        router.add("POST", "/v1/products/{id}", ParamSpec.of(CustomerResource.concat(PRODUCT_WRITABLE,
                "default_price")), this::updateProduct);
        router.add("POST", "/v1/products/{id}/features", ParamSpec.of("entitlement_feature"),
                this::attachFeature);
        router.add("GET", "/v1/products/{id}/features", ParamSpec.of("limit", "starting_after", "ending_before"),
                this::listProductFeatures);
        router.add("GET", "/v1/products/{product}/features/{id}", ParamSpec.of(), this::retrieveProductFeature);
        router.add("DELETE", "/v1/products/{product}/features/{id}", ParamSpec.of(), this::detachFeature);
        router.add("POST", "/v1/prices", ParamSpec.of("active", "currency", "lookup_key", "metadata", "metadata[*]",
                "nickname", "product", "product_data[name]", "product_data[metadata][*]", "product_data[active]",
                "recurring[interval]", "recurring[interval_count]", "recurring[usage_type]", "recurring[meter]",
                "recurring[trial_period_days]", "tax_behavior", "transfer_lookup_key", "unit_amount",
                "unit_amount_decimal", "billing_scheme"), this::createPrice);
        router.add("GET", "/v1/prices", ParamSpec.list("active", "currency", "lookup_keys[#]", "product", "type",
                "recurring[interval]", "recurring[usage_type]"), this::listPrices);
        router.add("GET", "/v1/prices/{id}", ParamSpec.of(), this::retrievePrice);
        router.add("POST", "/v1/prices/{id}", ParamSpec.of("active", "lookup_key", "metadata", "metadata[*]",
                "nickname", "tax_behavior", "transfer_lookup_key"), this::updatePrice);
        router.add("POST", "/v1/entitlements/features", ParamSpec.of("name", "lookup_key", "metadata",
                "metadata[*]"), this::createFeature);
        router.add("GET", "/v1/entitlements/features", ParamSpec.of("limit", "starting_after", "ending_before",
                "archived", "lookup_key"), this::listFeatures);
        router.add("GET", "/v1/entitlements/features/{id}", ParamSpec.of(), this::retrieveFeature);
        router.add("POST", "/v1/entitlements/features/{id}", ParamSpec.of("name", "active", "metadata",
                "metadata[*]"), this::updateFeature);
        router.add("GET", "/v1/entitlements/active_entitlements", ParamSpec.of("customer", "limit",
                "starting_after", "ending_before"), this::listActiveEntitlements);
        router.add("GET", "/v1/entitlements/active_entitlements/{id}", ParamSpec.of(),
                this::retrieveActiveEntitlement);
    }

    // ---- products

    private ApiResponse createProduct(ApiRequest request) {
        FormParams params = request.params();
        String name = params.require("name");
        String id = params.string("id");
        if (id != null && ctx.store.find(id).isPresent()) {
            throw StripeApiException.invalid("resource_already_exists", "id",
                    "Product already exists.");
        }
        ObjectNode product = StripeObjects.product(id == null ? Ids.next("prod") : id, ctx.now(), name);
        applyProduct(product, params);
        ctx.store.put(product);
        ctx.events.publish("product.created", product, request.origin());
        if (params.has("default_price_data")) {
            FormParams data = params.sub("default_price_data");
            ObjectNode price = newPrice(data, product.get("id").asText());
            ctx.store.put(price);
            ctx.events.publish("price.created", price, request.origin());
            ObjectNode before = product.deepCopy();
            product.put("default_price", price.get("id").asText());
            ctx.publishUpdate("product.updated", before, product, request.origin());
        }
        return ApiResponse.ok(ctx.render(product, request.expand()));
    }

    private void applyProduct(ObjectNode product, FormParams params) {
        if (params.string("name") != null) {
            product.put("name", params.require("name"));
        }
        for (String field : List.of("description", "statement_descriptor", "tax_code", "unit_label", "url")) {
            if (params.string(field) != null) {
                product.put(field, params.string(field).isEmpty() ? null : params.string(field));
            }
        }
        if (params.bool("active") != null) {
            product.put("active", params.bool("active"));
        }
        if (params.bool("shippable") != null) {
            product.put("shippable", params.bool("shippable"));
        }
        if (params.has("images")) {
            ArrayNode images = Json.array();
            params.list("images").forEach(images::add);
            product.set("images", images);
        }
        if (params.has("marketing_features")) {
            ArrayNode features = Json.array();
            for (FormParams feature : params.objects("marketing_features")) {
                ObjectNode node = Json.object();
                node.put("name", feature.require("name"));
                features.add(node);
            }
            product.set("marketing_features", features);
        }
        EmulatorContext.applyMetadata(product, params);
        product.put("updated", ctx.now());
    }

    private ApiResponse retrieveProduct(ApiRequest request) {
        return ApiResponse.ok(ctx.render(product(request.path("id"), "id"), request.expand()));
    }

    private ObjectNode product(String id, String param) {
        return ctx.store.get("product", id, "product", param);
    }

    private ApiResponse updateProduct(ApiRequest request) {
        ObjectNode product = product(request.path("id"), "id");
        ObjectNode before = product.deepCopy();
        applyProduct(product, request.params());
        String defaultPrice = request.params().string("default_price");
        if (defaultPrice != null) {
            ObjectNode price = ctx.store.referenced("price", defaultPrice, "price", "default_price");
            if (!product.get("id").asText().equals(price.get("product").asText())) {
                throw StripeApiException.invalid("default_price",
                        "The default price must belong to this product.");
            }
            product.put("default_price", defaultPrice);
        }
        before.set("updated", product.get("updated"));
        ctx.publishUpdate("product.updated", before, product, request.origin());
        return ApiResponse.ok(ctx.render(product, request.expand()));
    }

    private ApiResponse listProducts(ApiRequest request) {
        FormParams params = request.params();
        Boolean active = params.bool("active");
        Boolean shippable = params.bool("shippable");
        List<String> ids = params.list("ids");
        String url = params.string("url");
        List<ObjectNode> products = ctx.store.all("product", p -> (active == null
                || p.get("active").asBoolean() == active)
                && (shippable == null || p.path("shippable").asBoolean(false) == shippable)
                && (ids.isEmpty() || ids.contains(p.get("id").asText()))
                && (url == null || url.equals(Json.text(p, "url"))));
        return ApiResponse.ok(ListPager.page(products, params, "/v1/products", "product",
                p -> ctx.render(p, CustomerResource.dataExpand(request))));
    }

    // ---- prices

    private ObjectNode newPrice(FormParams params, String productId) {
        String currency = params.require("currency").toLowerCase(Locale.ROOT);
        if (!currency.matches("[a-z]{3}")) {
            throw StripeApiException.invalid(params.qualified("currency"), "Invalid currency: " + currency
                    + ". Stripe currently supports these currencies: usd, eur, gbp, ...");
        }
        Long unitAmount = params.integer("unit_amount");
        String decimal = params.string("unit_amount_decimal");
        if (unitAmount == null && decimal != null) {
            try {
                unitAmount = new BigDecimal(decimal).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw StripeApiException.invalid(params.qualified("unit_amount_decimal"),
                        "Invalid decimal: " + decimal);
            }
        }
        if (unitAmount == null) {
            throw StripeApiException.missingParameter(params.qualified("unit_amount"));
        }
        if (unitAmount < 0) {
            throw StripeApiException.invalid(params.qualified("unit_amount"),
                    "This value must be greater than or equal to 0.");
        }
        ObjectNode price = StripeObjects.price(Ids.next("price"), ctx.now(), productId, currency, unitAmount);
        if (params.has("recurring")) {
            FormParams recurring = params.sub("recurring");
            String interval = recurring.require("interval");
            if (!INTERVALS.contains(interval)) {
                throw StripeApiException.invalid(recurring.qualified("interval"), "Invalid "
                        + recurring.qualified("interval") + ": must be one of day, month, week, or year");
            }
            long count = recurring.integer("interval_count", 1);
            if (count < 1) {
                throw StripeApiException.invalid(recurring.qualified("interval_count"),
                        "This value must be greater than or equal to 1.");
            }
            price.set("recurring", StripeObjects.recurring(interval, count, recurring.integer("trial_period_days"),
                    meter(recurring)));
            price.put("type", "recurring");
        }
        if (params.string("tax_behavior") != null) {
            price.put("tax_behavior", params.oneOf("tax_behavior", "unspecified", "exclusive", "inclusive",
                    "unspecified"));
        }
        EmulatorContext.applyMetadata(price, params);
        return price;
    }

    /** The meter of a {@code metered} price (required for one), null for a licensed price. */
    private String meter(FormParams recurring) {
        String usageType = recurring.oneOf("usage_type", "licensed", "licensed", "metered");
        String meterId = recurring.string("meter");
        if ("licensed".equals(usageType)) {
            if (meterId != null && !meterId.isEmpty()) {
                throw StripeApiException.invalid(recurring.qualified("meter"),
                        "A meter can only be set on a price with `recurring[usage_type]=metered`.");
            }
            return null;
        }
        if (meterId == null || meterId.isEmpty()) {
            throw StripeApiException.missingParameter(recurring.qualified("meter"));
        }
        ctx.store.referenced("billing.meter", meterId, "billing.meter", recurring.qualified("meter"));
        return meterId;
    }

    private ApiResponse createPrice(ApiRequest request) {
        FormParams params = request.params();
        String productId = params.string("product");
        ObjectNode newProduct = null;
        if (productId == null) {
            if (!params.has("product_data")) {
                throw StripeApiException.missingParameter("product");
            }
            FormParams data = params.sub("product_data");
            newProduct = StripeObjects.product(Ids.next("prod"), ctx.now(), data.require("name"));
            EmulatorContext.applyMetadata(newProduct, data);
            productId = newProduct.get("id").asText();
        } else if (params.has("product_data")) {
            throw StripeApiException.invalid("product",
                    "You may only specify one of these parameters: product, product_data.");
        } else {
            product(productId, "product");
        }
        ObjectNode price = newPrice(params, productId);
        if (params.bool("active") != null) {
            price.put("active", params.bool("active"));
        }
        if (params.string("nickname") != null) {
            price.put("nickname", params.string("nickname"));
        }
        String lookupKey = params.string("lookup_key");
        if (lookupKey != null && !lookupKey.isEmpty()) {
            claimLookupKey(lookupKey, Boolean.TRUE.equals(params.bool("transfer_lookup_key")), request.origin());
            price.put("lookup_key", lookupKey);
        }
        if (newProduct != null) {
            ctx.store.put(newProduct);
            ctx.events.publish("product.created", newProduct, request.origin());
        }
        ctx.store.put(price);
        ctx.events.publish("price.created", price, request.origin());
        return ApiResponse.ok(ctx.render(price, request.expand()));
    }

    private void claimLookupKey(String lookupKey, boolean transfer, Origin origin) {
        for (ObjectNode holder : ctx.store.all("price", p -> lookupKey.equals(Json.text(p, "lookup_key")))) {
            if (!transfer) {
                throw StripeApiException.invalid("lookup_key", "A price (`" + holder.get("id").asText()
                        + "`) already uses that lookup key.");
            }
            ObjectNode before = holder.deepCopy();
            holder.putNull("lookup_key");
            ctx.publishUpdate("price.updated", before, holder, origin);
        }
    }

    private ApiResponse retrievePrice(ApiRequest request) {
        return ApiResponse.ok(ctx.render(ctx.store.get("price", request.path("id"), "price", "id"),
                request.expand()));
    }

    private ApiResponse updatePrice(ApiRequest request) {
        FormParams params = request.params();
        ObjectNode price = ctx.store.get("price", request.path("id"), "price", "id");
        ObjectNode before = price.deepCopy();
        if (params.bool("active") != null) {
            price.put("active", params.bool("active"));
        }
        if (params.string("nickname") != null) {
            price.put("nickname", params.string("nickname").isEmpty() ? null : params.string("nickname"));
        }
        if (params.string("tax_behavior") != null) {
            price.put("tax_behavior", params.oneOf("tax_behavior", "unspecified", "exclusive", "inclusive",
                    "unspecified"));
        }
        String lookupKey = params.string("lookup_key");
        if (lookupKey != null) {
            if (lookupKey.isEmpty()) {
                price.putNull("lookup_key");
            } else if (!lookupKey.equals(Json.text(price, "lookup_key"))) {
                claimLookupKey(lookupKey, Boolean.TRUE.equals(params.bool("transfer_lookup_key")), request.origin());
                price.put("lookup_key", lookupKey);
            }
        }
        EmulatorContext.applyMetadata(price, params);
        ctx.publishUpdate("price.updated", before, price, request.origin());
        return ApiResponse.ok(ctx.render(price, request.expand()));
    }

    private ApiResponse listPrices(ApiRequest request) {
        FormParams params = request.params();
        Boolean active = params.bool("active");
        String currency = params.string("currency");
        String product = params.string("product");
        String type = params.oneOf("type", null, "one_time", "recurring");
        List<String> lookupKeys = params.list("lookup_keys");
        if (lookupKeys.size() > 10) {
            throw StripeApiException.invalid("lookup_keys", "You may only specify up to 10 lookup keys.");
        }
        String interval = params.string("recurring[interval]");
        String usageType = params.oneOf("recurring[usage_type]", null, "licensed", "metered");
        List<ObjectNode> prices = ctx.store.all("price", p -> (active == null || p.get("active").asBoolean() == active)
                && (currency == null || currency.equalsIgnoreCase(p.get("currency").asText()))
                && (product == null || product.equals(p.get("product").asText()))
                && (type == null || type.equals(p.get("type").asText()))
                && (lookupKeys.isEmpty() || lookupKeys.contains(Json.text(p, "lookup_key")))
                && (interval == null || interval.equals(p.path("recurring").path("interval").asText(null)))
                && (usageType == null || usageType.equals(p.path("recurring").path("usage_type").asText(null))));
        return ApiResponse.ok(ListPager.page(prices, params, "/v1/prices", "price",
                p -> ctx.render(p, CustomerResource.dataExpand(request))));
    }

    // ---- entitlement features

    private ApiResponse createFeature(ApiRequest request) {
        FormParams params = request.params();
        String name = params.require("name");
        String lookupKey = params.require("lookup_key");
        if (!ctx.store.all("entitlements.feature", f -> lookupKey.equals(Json.text(f, "lookup_key"))).isEmpty()) {
            throw StripeApiException.invalid("lookup_key", "A feature with the lookup_key `" + lookupKey
                    + "` already exists.");
        }
        ObjectNode feature = StripeObjects.feature("feat_test_" + Ids.random(32), name, lookupKey);
        feature.put("_created", ctx.now());
        EmulatorContext.applyMetadata(feature, params);
        ctx.store.put(feature);
        return ApiResponse.ok(ctx.render(feature, request.expand()));
    }

    private ApiResponse listFeatures(ApiRequest request) {
        FormParams params = request.params();
        Boolean archived = params.bool("archived");
        String lookupKey = params.string("lookup_key");
        List<ObjectNode> features = ctx.store.all("entitlements.feature",
                f -> (archived == null ? f.get("active").asBoolean() : f.get("active").asBoolean() != archived)
                        && (lookupKey == null || lookupKey.equals(Json.text(f, "lookup_key"))));
        return ApiResponse.ok(ListPager.page(features, params, "/v1/entitlements/features", "feature",
                f -> ctx.render(f, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveFeature(ApiRequest request) {
        return ApiResponse.ok(ctx.render(ctx.store.get("entitlements.feature", request.path("id"), "feature", "id"),
                request.expand()));
    }

    private ApiResponse updateFeature(ApiRequest request) {
        FormParams params = request.params();
        ObjectNode feature = ctx.store.get("entitlements.feature", request.path("id"), "feature", "id");
        if (params.string("name") != null) {
            feature.put("name", params.require("name"));
        }
        if (params.bool("active") != null) {
            feature.put("active", params.bool("active"));
        }
        EmulatorContext.applyMetadata(feature, params);
        for (ObjectNode attached : ctx.store.all("product_feature",
                pf -> feature.get("id").equals(pf.get("entitlement_feature").get("id")))) {
            attached.set("entitlement_feature", ctx.stripInternal(feature));
        }
        return ApiResponse.ok(ctx.render(feature, request.expand()));
    }

    // ---- product features

    private ApiResponse attachFeature(ApiRequest request) {
        ObjectNode product = product(request.path("id"), "product");
        String featureId = request.params().require("entitlement_feature");
        ObjectNode feature = ctx.store.referenced("entitlements.feature", featureId, "feature", "entitlement_feature");
        String productId = product.get("id").asText();
        if (!ctx.store.all("product_feature", pf -> productId.equals(pf.path("_product").asText())
                && featureId.equals(pf.get("entitlement_feature").get("id").asText())).isEmpty()) {
            throw StripeApiException.invalid("entitlement_feature",
                    "This feature is already attached to this product.");
        }
        ObjectNode attached = StripeObjects.productFeature("prodft_" + Ids.random(24), ctx.stripInternal(feature),
                productId);
        ctx.store.put(attached);
        return ApiResponse.ok(ctx.render(attached, request.expand()));
    }

    private ApiResponse listProductFeatures(ApiRequest request) {
        String productId = product(request.path("id"), "product").get("id").asText();
        List<ObjectNode> features = ctx.store.all("product_feature",
                pf -> productId.equals(pf.path("_product").asText()));
        return ApiResponse.ok(ListPager.page(features, request.params(), "/v1/products/" + productId + "/features",
                "product feature", pf -> ctx.render(pf, CustomerResource.dataExpand(request))));
    }

    private ObjectNode productFeature(ApiRequest request) {
        String productId = product(request.path("product"), "product").get("id").asText();
        ObjectNode attached = ctx.store.get("product_feature", request.path("id"), "product feature", "id");
        if (!productId.equals(attached.path("_product").asText())) {
            throw StripeApiException.noSuch("product feature", request.path("id"), "id");
        }
        return attached;
    }

    private ApiResponse retrieveProductFeature(ApiRequest request) {
        return ApiResponse.ok(ctx.render(productFeature(request), request.expand()));
    }

    private ApiResponse detachFeature(ApiRequest request) {
        ObjectNode attached = productFeature(request);
        ctx.store.remove(attached.get("id").asText());
        ObjectNode deleted = Json.object();
        deleted.set("id", attached.get("id"));
        deleted.put("object", "product_feature");
        deleted.put("deleted", true);
        return ApiResponse.ok(deleted);
    }

    // ---- active entitlements

    /** Features granted by the products of the customer's active and trialing subscriptions. */
    List<ObjectNode> activeEntitlements(String customerId) {
        Map<String, ObjectNode> byFeature = new LinkedHashMap<>();
        for (ObjectNode subscription : ctx.store.all("subscription", s -> customerId.equals(s.path("customer")
                .asText()) && List.of("active", "trialing").contains(s.path("status").asText()))) {
            for (JsonNode item : subscription.get("items").get("data")) {
                String productId = item.get("price").get("product").asText();
                for (ObjectNode attached : ctx.store.all("product_feature",
                        pf -> productId.equals(pf.path("_product").asText()))) {
                    String featureId = attached.get("entitlement_feature").get("id").asText();
                    ctx.store.find(featureId).filter(f -> f.get("active").asBoolean()).ifPresent(feature ->
                            byFeature.computeIfAbsent(featureId, id -> StripeObjects.activeEntitlement(
                                    entitlementId(customerId, id), feature)));
                }
            }
        }
        return new ArrayList<>(byFeature.values());
    }

    private static String entitlementId(String customerId, String featureId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + "/" + featureId).getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder("ent_test_");
            for (int i = 0; i < 16; i++) {
                out.append(String.format(Locale.ROOT, "%02x", digest[i]));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiResponse listActiveEntitlements(ApiRequest request) {
        String customerId = request.params().require("customer");
        ctx.store.get("customer", customerId, "customer", "customer");
        return ApiResponse.ok(ListPager.page(activeEntitlements(customerId), request.params(),
                "/v1/entitlements/active_entitlements", "active entitlement",
                e -> ctx.render(e, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveActiveEntitlement(ApiRequest request) {
        String id = request.path("id");
        for (ObjectNode customer : ctx.store.all("customer", c -> true)) {
            for (ObjectNode entitlement : activeEntitlements(customer.get("id").asText())) {
                if (id.equals(entitlement.get("id").asText())) {
                    return ApiResponse.ok(ctx.render(entitlement, request.expand()));
                }
            }
        }
        throw StripeApiException.noSuch("active entitlement", id, "id");
    }
}
