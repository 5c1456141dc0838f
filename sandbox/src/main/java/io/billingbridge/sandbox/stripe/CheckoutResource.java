package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /v1/checkout/sessions}: create, retrieve, list, expire and line items. */
final class CheckoutResource {

    private final EmulatorContext ctx;
    private final DiscountResource discounts;

    CheckoutResource(EmulatorContext ctx, DiscountResource discounts) {
        this.ctx = ctx;
        this.discounts = discounts;
    }

    void register(Router router) {
        router.add("POST", "/v1/checkout/sessions", ParamSpec.of("mode", "line_items[#][price]",
                "line_items[#][quantity]", "line_items[#][adjustable_quantity][**]", "customer", "customer_email",
                "customer_creation", "client_reference_id", "success_url", "cancel_url", "metadata", "metadata[*]",
                "subscription_data[metadata]", "subscription_data[metadata][*]", "subscription_data[trial_period_days]",
                "subscription_data[description]", "payment_intent_data[metadata][*]",
                "payment_intent_data[description]", "payment_intent_data[setup_future_usage]",
                "allow_promotion_codes", "automatic_tax[enabled]", "billing_address_collection", "currency",
                "expires_at", "locale", "payment_method_types[#]", "customer_update[address]",
                "customer_update[name]", "tax_id_collection[enabled]", "setup_intent_data[metadata][*]",
                "setup_intent_data[description]", "ui_mode", "submit_type", "discounts[#][coupon]",
                "discounts[#][promotion_code]", "payment_method_collection",
                "subscription_data[trial_settings][end_behavior][missing_payment_method]"), this::create);
        router.add("GET", "/v1/checkout/sessions", ParamSpec.list("customer", "payment_intent", "status",
                "subscription", "customer_details[email]", "payment_link"), this::list);
        router.add("GET", "/v1/checkout/sessions/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/checkout/sessions/{id}/expire", ParamSpec.of(), this::expire);
        router.add("GET", "/v1/checkout/sessions/{id}/line_items",
                ParamSpec.of("limit", "starting_after", "ending_before"), this::lineItems);
    }

    private ApiResponse create(ApiRequest request) {
        FormParams params = request.params();
        String mode = params.string("mode");
        if (mode == null || mode.isEmpty()) {
            throw StripeApiException.missingParameter("mode");
        }
        mode = params.oneOf("mode", null, "payment", "setup", "subscription");
        long now = ctx.now();
        String id = Ids.checkoutSession();
        ObjectNode session = StripeObjects.checkoutSession(id, now, mode, ctx.baseUrl() + "/checkout/" + id);
        String customer = params.string("customer");
        String customerEmail = params.string("customer_email");
        if (customer != null && customerEmail != null) {
            throw StripeApiException.invalid("customer",
                    "You may only specify one of these parameters: customer, customer_email.");
        }
        if (customer != null) {
            ctx.store.referenced("customer", customer, "customer", "customer");
            session.put("customer", customer);
        }
        session.put("customer_email", customerEmail);
        String creation = params.oneOf("customer_creation", null, "always", "if_required");
        if (creation != null && "subscription".equals(mode)) {
            throw StripeApiException.invalid("customer_creation",
                    "`customer_creation` can only be used in `payment` and `setup` mode.");
        }
        if (creation != null && customer != null) {
            throw StripeApiException.invalid("customer_creation",
                    "You may only specify one of these parameters: customer, customer_creation.");
        }
        session.put("customer_creation", "payment".equals(mode) && customer == null
                ? (creation == null ? "if_required" : creation) : creation);
        for (String field : List.of("client_reference_id", "success_url", "cancel_url", "locale",
                "billing_address_collection", "submit_type")) {
            if (params.string(field) != null) {
                session.put(field, params.string(field));
            }
        }
        checkUrl(params, "success_url");
        checkUrl(params, "cancel_url");
        if (params.bool("allow_promotion_codes") != null) {
            session.put("allow_promotion_codes", params.bool("allow_promotion_codes"));
        }
        if (params.bool("automatic_tax[enabled]") != null) {
            ObjectNode tax = (ObjectNode) session.get("automatic_tax");
            boolean enabled = params.bool("automatic_tax[enabled]");
            tax.put("enabled", enabled);
            if (enabled) {
                ObjectNode liability = Json.object();
                liability.put("type", "self");
                tax.set("liability", liability);
                tax.put("status", "complete");
            }
        }
        if (params.has("expires_at")) {
            long expiresAt = params.integer("expires_at");
            if (expiresAt < now + 1800 || expiresAt > now + 86_400) {
                throw StripeApiException.invalid("expires_at",
                        "The `expires_at` timestamp must be between 30 minutes and 24 hours from creation.");
            }
            session.put("expires_at", expiresAt);
        }
        EmulatorContext.applyMetadata(session, params);
        lineItems(session, params, mode);
        taxIdCollection(session, params, customer);
        String collection = params.oneOf("payment_method_collection", "always", "always", "if_required");
        if ("setup".equals(mode) && "if_required".equals(collection)) {
            throw StripeApiException.invalid("payment_method_collection",
                    "`payment_method_collection` cannot be `if_required` in `setup` mode.");
        }
        session.put("payment_method_collection", collection);
        if (params.has("discounts")) {
            discount(session, params, customer);
        }
        if (params.has("subscription_data")) {
            if (!"subscription".equals(mode)) {
                throw StripeApiException.invalid("subscription_data",
                        "You can not pass `subscription_data` in `" + mode + "` mode.");
            }
            FormParams data = params.sub("subscription_data");
            ObjectNode stored = Json.object();
            Long trial = data.integer("trial_period_days");
            if (trial != null) {
                if (trial < 1 || trial > 730) {
                    throw StripeApiException.invalid(data.qualified("trial_period_days"),
                            "The trial period must be between 1 and 730 days.");
                }
                stored.put("trial_period_days", trial);
            }
            ObjectNode metadata = Json.object();
            EmulatorContext.applyMetadata(metadata, data);
            stored.set("metadata", metadata.get("metadata"));
            stored.put("description", data.string("description"));
            String missing = data.oneOf("trial_settings[end_behavior][missing_payment_method]", null, "cancel",
                    "create_invoice", "pause");
            if (missing != null) {
                stored.put("missing_payment_method", missing);
            }
            session.set("_subscription_data", stored);
        }
        if (params.has("payment_intent_data")) {
            if (!"payment".equals(mode)) {
                throw StripeApiException.invalid("payment_intent_data",
                        "You can not pass `payment_intent_data` in `" + mode + "` mode.");
            }
            FormParams data = params.sub("payment_intent_data");
            ObjectNode stored = Json.object();
            ObjectNode metadata = Json.object();
            EmulatorContext.applyMetadata(metadata, data);
            stored.set("metadata", metadata.get("metadata"));
            stored.put("description", data.string("description"));
            if (data.string("setup_future_usage") != null) {
                stored.put("setup_future_usage", data.oneOf("setup_future_usage", null, "off_session",
                        "on_session"));
            }
            session.set("_payment_intent_data", stored);
        }
        if ("setup".equals(mode) && params.string("currency") != null) {
            session.put("currency", params.string("currency").toLowerCase(Locale.ROOT));
        }
        String uiMode = params.oneOf("ui_mode", "hosted", "custom", "embedded", "hosted");
        if (!"hosted".equals(uiMode)) {
            throw StripeApiException.invalid("ui_mode", "The sandbox emulator only hosts Checkout pages"
                    + " (ui_mode=hosted); embedded and custom Checkout are not emulated.");
        }
        if (params.has("payment_method_types")) {
            ArrayNode types = Json.array();
            for (String type : params.list("payment_method_types")) {
                if (!"card".equals(type)) {
                    throw StripeApiException.invalid("payment_method_types",
                            "The payment method type `" + type + "` is not supported by the sandbox emulator.");
                }
                types.add(type);
            }
            session.set("payment_method_types", types);
        }
        ctx.store.put(session);
        return ApiResponse.ok(render(session, request.expand()));
    }

    /** Stripe asks for {@code customer_update[name]=auto} so that a collected tax id's business name can be saved. */
    private static void taxIdCollection(ObjectNode session, FormParams params, String customer) {
        String nameUpdate = params.oneOf("customer_update[name]", null, "auto", "never");
        String addressUpdate = params.oneOf("customer_update[address]", null, "auto", "never");
        if ((nameUpdate != null || addressUpdate != null) && customer == null) {
            throw StripeApiException.invalid("customer_update",
                    "`customer_update` can only be used with `customer`.");
        }
        Boolean enabled = params.bool("tax_id_collection[enabled]");
        if (enabled != null) {
            // Stripe's OpenAPI marks tax_id_collection optional: present only when the session was asked for it.
            ObjectNode collection = Json.object();
            collection.put("enabled", enabled);
            collection.put("required", "never");
            session.set("tax_id_collection", collection);
        }
        if (Boolean.TRUE.equals(enabled) && customer != null && !"auto".equals(nameUpdate)) {
            throw StripeApiException.invalid("tax_id_collection[enabled]", "Tax ID collection requires updating"
                    + " business name on the customer. To enable tax ID collection for an existing customer, please"
                    + " set `customer_update[name]` to `auto`.");
        }
    }

    /** Applies {@code discounts[0]} (a promotion code or a coupon) to the session's amounts, as Stripe does. */
    private void discount(ObjectNode session, FormParams params, String customer) {
        if (params.string("allow_promotion_codes") != null) {
            throw StripeApiException.invalid("discounts",
                    "You may only specify one of these parameters: allow_promotion_codes, discounts.");
        }
        List<FormParams> requested = params.objects("discounts");
        if (requested.isEmpty()) {
            return;
        }
        if (requested.size() > 1) {
            throw StripeApiException.invalid("discounts", "You may only apply one discount to a Checkout Session.");
        }
        FormParams discount = requested.get(0);
        String code = discount.string("promotion_code");
        String couponId = discount.string("coupon");
        if (code != null && couponId != null) {
            throw StripeApiException.invalid(discount.qualified("coupon"),
                    "You may only specify one of these parameters: coupon, promotion_code.");
        }
        if (code == null && couponId == null) {
            throw StripeApiException.missingParameter(discount.qualified("promotion_code"));
        }
        String param = discount.qualified(code != null ? "promotion_code" : "coupon");
        ObjectNode coupon = discounts.redeemableCoupon(code, couponId, customer,
                session.get("amount_subtotal").asLong(), session.get("currency").asText(), param);
        applyDiscount(ctx, session, coupon, code);
    }

    /** Recomputes a session's totals with a coupon (and the promotion code that gave it, if any). */
    static void applyDiscount(EmulatorContext ctx, ObjectNode session, ObjectNode coupon, String promotionCode) {
        JsonNode items = session.get("_line_items");
        List<String> products = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (JsonNode item : items) {
            products.add(item.get("price").get("product").asText());
            amounts.add(item.get("amount_subtotal").asLong());
        }
        long[] off = DiscountResource.allocate(coupon, products, amounts);
        long discount = 0;
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = (ObjectNode) items.get(i);
            item.put("amount_discount", off[i]);
            item.put("amount_total", item.get("amount_subtotal").asLong() - off[i]);
            discount += off[i];
        }
        session.put("amount_total", session.get("amount_subtotal").asLong() - discount);
        ((ObjectNode) session.get("total_details")).put("amount_discount", discount);
        ArrayNode applied = Json.array();
        ObjectNode entry = Json.object();
        entry.put("coupon", coupon.get("id").asText());
        entry.put("promotion_code", promotionCode);
        applied.add(entry);
        session.set("discounts", applied);
    }

    private static void checkUrl(FormParams params, String field) {
        String url = params.string(field);
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            throw StripeApiException.invalid("url_invalid", field, "Not a valid URL");
        }
    }

    private void lineItems(ObjectNode session, FormParams params, String mode) {
        List<FormParams> items = params.objects("line_items");
        if ("setup".equals(mode)) {
            if (!items.isEmpty()) {
                throw StripeApiException.invalid("line_items", "You cannot pass `line_items` in `setup` mode.");
            }
            return;
        }
        if (items.isEmpty()) {
            throw StripeApiException.missingParameter("line_items");
        }
        ArrayNode stored = Json.array();
        String currency = null;
        long total = 0;
        boolean anyRecurring = false;
        for (FormParams item : items) {
            String priceId = item.require("price");
            ObjectNode price = ctx.store.referenced("price", priceId, "price", item.qualified("price"));
            if (!price.get("active").asBoolean()) {
                throw StripeApiException.invalid(item.qualified("price"),
                        "The price specified is inactive. This field only accepts active prices.");
            }
            Long quantity = item.integer("quantity");
            boolean metered = StripeObjects.metered(price);
            if (metered && item.string("quantity") != null) {
                String param = item.qualified("quantity");
                throw StripeApiException.invalid(param, "Quantity should not be specified where usage_type is"
                        + " `metered`. Remove quantity from `" + param.substring(0, param.length()
                        - "[quantity]".length()) + "`.");
            }
            if (quantity == null && !metered) {
                throw StripeApiException.missingParameter(item.qualified("quantity"));
            }
            if (quantity != null && quantity < 1) {
                throw StripeApiException.invalid(item.qualified("quantity"),
                        "This value must be greater than or equal to 1.");
            }
            boolean recurring = "recurring".equals(price.get("type").asText());
            if (recurring && "payment".equals(mode)) {
                throw StripeApiException.invalid(item.qualified("price"), "You specified `payment` mode but passed"
                        + " a recurring price. Either switch to `subscription` mode or use only one-time prices.");
            }
            anyRecurring |= recurring;
            String priceCurrency = price.get("currency").asText();
            if (currency != null && !currency.equals(priceCurrency)) {
                throw StripeApiException.invalid("line_items",
                        "All prices on a Checkout Session must be in the same currency.");
            }
            currency = priceCurrency;
            String product = ctx.store.find(price.get("product").asText()).map(p -> p.path("name").asText())
                    .orElse("");
            ObjectNode line = StripeObjects.checkoutItem(Ids.next("li"), price, metered ? 0 : quantity, product);
            if (metered) {
                // Usage is billed in arrears: nothing is due for a metered price at Checkout.
                line.putNull("quantity");
            }
            total += line.get("amount_total").asLong();
            stored.add(line);
        }
        if ("subscription".equals(mode) && !anyRecurring) {
            throw StripeApiException.invalid("line_items", "You must provide at least one recurring price in"
                    + " `subscription` mode when using prices.");
        }
        session.put("currency", currency);
        session.put("amount_subtotal", total);
        session.put("amount_total", total);
        ObjectNode details = Json.object();
        details.put("amount_discount", 0);
        details.put("amount_shipping", 0);
        details.put("amount_tax", 0);
        session.set("total_details", details);
        session.set("_line_items", stored);
    }

    private ObjectNode render(ObjectNode session, List<String> expand) {
        List<String> generic = new ArrayList<>();
        boolean lineItems = false;
        for (String path : expand) {
            if ("line_items".equals(path)) {
                lineItems = true;
            } else {
                generic.add(path);
            }
        }
        ObjectNode out = ctx.render(session, generic);
        if (lineItems) {
            out.set("line_items", lineItemList(session, FormParams.empty()));
        }
        return out;
    }

    private ObjectNode lineItemList(ObjectNode session, FormParams params) {
        List<ObjectNode> items = new ArrayList<>();
        JsonNode stored = session.path("_line_items");
        for (int i = 0; i < stored.size(); i++) {
            items.add((ObjectNode) stored.get(i));
        }
        return ListPager.page(items, params, "/v1/checkout/sessions/" + session.get("id").asText() + "/line_items",
                "line item", ObjectNode::deepCopy);
    }

    private ObjectNode find(ApiRequest request) {
        return ctx.store.get("checkout.session", request.path("id"), "checkout.session", "session");
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(render(find(request), request.expand()));
    }

    private ApiResponse expire(ApiRequest request) {
        ObjectNode session = find(request);
        if (!"open".equals(session.get("status").asText())) {
            throw StripeApiException.invalid("checkout_session_not_expirable", null,
                    "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has"
                            + " a status of \"" + session.get("status").asText() + "\".");
        }
        session.put("status", "expired");
        session.putNull("url");
        ctx.events.publish("checkout.session.expired", session, request.origin());
        return ApiResponse.ok(render(session, request.expand()));
    }

    private ApiResponse lineItems(ApiRequest request) {
        return ApiResponse.ok(lineItemList(find(request), request.params()));
    }

    private ApiResponse list(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.string("customer");
        String paymentIntent = params.string("payment_intent");
        String subscription = params.string("subscription");
        String status = params.oneOf("status", null, "open", "complete", "expired");
        String email = params.string("customer_details[email]");
        List<ObjectNode> sessions = ctx.store.all("checkout.session", s ->
                (customer == null || customer.equals(Json.text(s, "customer")))
                && (paymentIntent == null || paymentIntent.equals(Json.text(s, "payment_intent")))
                && (subscription == null || subscription.equals(Json.text(s, "subscription")))
                && (status == null || status.equals(Json.text(s, "status")))
                && (email == null || email.equalsIgnoreCase(s.path("customer_details").path("email").asText())));
        return ApiResponse.ok(ListPager.page(sessions, params, "/v1/checkout/sessions", "checkout.session",
                s -> render(s, CustomerResource.dataExpand(request))));
    }
}
