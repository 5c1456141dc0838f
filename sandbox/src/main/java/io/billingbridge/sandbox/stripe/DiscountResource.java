package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v1/coupons} and {@code /v1/promotion_codes} (the dahlia shape: a code's coupon is
 * {@code promotion[coupon]} with {@code promotion[type]=coupon}), and the checks a code passes when redeemed.
 */
final class DiscountResource {

    private final EmulatorContext ctx;

    DiscountResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/v1/coupons", ParamSpec.of("id", "name", "percent_off", "amount_off", "currency",
                "duration", "duration_in_months", "max_redemptions", "redeem_by", "applies_to[products][#]",
                "metadata", "metadata[*]"), this::createCoupon);
        router.add("GET", "/v1/coupons", ParamSpec.list(), this::listCoupons);
        router.add("GET", "/v1/coupons/{id}", ParamSpec.of(), this::retrieveCoupon);
        router.add("POST", "/v1/coupons/{id}", ParamSpec.of("name", "metadata", "metadata[*]"), this::updateCoupon);
        router.add("DELETE", "/v1/coupons/{id}", ParamSpec.of(), this::deleteCoupon);
        router.add("POST", "/v1/promotion_codes", ParamSpec.of("promotion[type]", "promotion[coupon]", "code",
                "active", "customer", "expires_at", "max_redemptions", "restrictions[first_time_transaction]",
                "restrictions[minimum_amount]", "restrictions[minimum_amount_currency]", "metadata", "metadata[*]"),
                this::createCode);
        router.add("GET", "/v1/promotion_codes", ParamSpec.list("code", "active", "coupon", "customer"),
                this::listCodes);
        router.add("GET", "/v1/promotion_codes/{id}", ParamSpec.of(), this::retrieveCode);
        router.add("POST", "/v1/promotion_codes/{id}", ParamSpec.of("active", "metadata", "metadata[*]"),
                this::updateCode);
    }

    // ---- coupons

    private ApiResponse createCoupon(ApiRequest request) {
        FormParams params = request.params();
        long now = ctx.now();
        String id = params.string("id");
        if (id != null && ctx.store.find(id).filter(c -> !c.path("deleted").asBoolean(false)).isPresent()) {
            throw StripeApiException.invalid("resource_already_exists", "id", "Coupon already exists.");
        }
        String percent = params.string("percent_off");
        Long amountOff = params.integer("amount_off");
        if (percent != null && amountOff != null) {
            throw StripeApiException.invalid("amount_off",
                    "You may only specify one of these parameters: amount_off, percent_off.");
        }
        if (percent == null && amountOff == null) {
            throw StripeApiException.invalid("percent_off", "You must pass either `amount_off` or `percent_off`.");
        }
        ObjectNode coupon = Json.object();
        coupon.put("id", id == null ? Ids.random(8) : id);
        coupon.put("object", "coupon");
        coupon.putNull("amount_off");
        coupon.put("created", now);
        coupon.putNull("currency");
        if (amountOff != null) {
            String currency = params.string("currency");
            if (currency == null) {
                throw StripeApiException.invalid("currency", "You must pass `currency` when passing `amount_off`.");
            }
            if (amountOff < 1) {
                throw StripeApiException.invalid("amount_off", "This value must be greater than or equal to 1.");
            }
            coupon.put("amount_off", amountOff);
            coupon.put("currency", currency.toLowerCase(Locale.ROOT));
        }
        String duration = params.oneOf("duration", "once", "forever", "once", "repeating");
        coupon.put("duration", duration);
        Long months = params.integer("duration_in_months");
        if ("repeating".equals(duration) && months == null) {
            throw StripeApiException.missingParameter("duration_in_months");
        }
        if (!"repeating".equals(duration) && months != null) {
            throw StripeApiException.invalid("duration_in_months",
                    "`duration_in_months` can only be set when `duration` is `repeating`.");
        }
        if (months != null && months < 1) {
            throw StripeApiException.invalid("duration_in_months", "This value must be greater than or equal to 1.");
        }
        coupon.set("duration_in_months", months == null ? null : coupon.numberNode(months));
        coupon.put("livemode", false);
        Long max = params.integer("max_redemptions");
        if (max != null && max < 1) {
            throw StripeApiException.invalid("max_redemptions", "This value must be greater than or equal to 1.");
        }
        coupon.set("max_redemptions", max == null ? null : coupon.numberNode(max));
        coupon.set("metadata", Json.object());
        coupon.put("name", params.string("name"));
        coupon.putNull("percent_off");
        if (percent != null) {
            BigDecimal value;
            try {
                value = new BigDecimal(percent);
            } catch (NumberFormatException e) {
                throw StripeApiException.invalid("percent_off", "Invalid decimal: " + percent);
            }
            if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw StripeApiException.invalid("percent_off",
                        "Percent off must be greater than 0 and less than or equal to 100.");
            }
            coupon.put("percent_off", value);
        }
        Long redeemBy = params.integer("redeem_by");
        if (redeemBy != null && redeemBy <= now) {
            throw StripeApiException.invalid("redeem_by", "Date must be in the future.");
        }
        coupon.set("redeem_by", redeemBy == null ? null : coupon.numberNode(redeemBy));
        coupon.put("times_redeemed", 0);
        coupon.put("valid", true);
        if (params.has("applies_to")) {
            ArrayNode products = Json.array();
            for (String product : params.list("applies_to[products]")) {
                ctx.store.referenced("product", product, "product", "applies_to[products]");
                products.add(product);
            }
            ObjectNode appliesTo = Json.object();
            appliesTo.set("products", products);
            coupon.set("applies_to", appliesTo);
        }
        EmulatorContext.applyMetadata(coupon, params);
        ctx.store.put(coupon);
        ctx.events.publish("coupon.created", coupon, request.origin());
        return ApiResponse.ok(ctx.render(coupon, request.expand()));
    }

    /** The coupon, with {@code valid} brought up to date (redeem-by passed, redemptions used up). */
    ObjectNode coupon(String id, String param, int status) {
        ObjectNode coupon = status == 404 ? ctx.store.get("coupon", id, "coupon", param)
                : ctx.store.referenced("coupon", id, "coupon", param);
        refreshValidity(coupon);
        return coupon;
    }

    private void refreshValidity(ObjectNode coupon) {
        boolean expired = coupon.path("redeem_by").isNumber() && coupon.get("redeem_by").asLong() <= ctx.now();
        boolean usedUp = coupon.path("max_redemptions").isNumber()
                && coupon.get("times_redeemed").asLong() >= coupon.get("max_redemptions").asLong();
        coupon.put("valid", !expired && !usedUp);
    }

    private ApiResponse retrieveCoupon(ApiRequest request) {
        return ApiResponse.ok(ctx.render(coupon(request.path("id"), "id", 404), request.expand()));
    }

    private ApiResponse listCoupons(ApiRequest request) {
        List<ObjectNode> coupons = ctx.store.all("coupon", c -> true);
        coupons.forEach(this::refreshValidity);
        return ApiResponse.ok(ListPager.page(coupons, request.params(), "/v1/coupons", "coupon",
                c -> ctx.render(c, CustomerResource.dataExpand(request))));
    }

    private ApiResponse updateCoupon(ApiRequest request) {
        ObjectNode coupon = coupon(request.path("id"), "id", 404);
        ObjectNode before = coupon.deepCopy();
        if (request.params().string("name") != null) {
            coupon.put("name", request.params().string("name"));
        }
        EmulatorContext.applyMetadata(coupon, request.params());
        ctx.publishUpdate("coupon.updated", before, coupon, request.origin());
        return ApiResponse.ok(ctx.render(coupon, request.expand()));
    }

    private ApiResponse deleteCoupon(ApiRequest request) {
        ObjectNode coupon = coupon(request.path("id"), "id", 404);
        coupon.put("deleted", true);
        coupon.put("valid", false);
        ctx.events.publish("coupon.deleted", coupon, request.origin());
        ObjectNode deleted = Json.object();
        deleted.set("id", coupon.get("id"));
        deleted.put("object", "coupon");
        deleted.put("deleted", true);
        return ApiResponse.ok(deleted);
    }

    // ---- promotion codes

    private ApiResponse createCode(ApiRequest request) {
        FormParams params = request.params();
        long now = ctx.now();
        FormParams promotion = params.sub("promotion");
        String type = promotion.string("type");
        if (type == null) {
            throw StripeApiException.missingParameter("promotion[type]");
        }
        promotion.oneOf("type", null, "coupon");
        String couponId = promotion.require("coupon");
        ObjectNode coupon = coupon(couponId, "promotion[coupon]", 400);
        if (!coupon.get("valid").asBoolean()) {
            throw StripeApiException.invalid("promotion[coupon]", "Coupon `" + couponId + "` is no longer valid.");
        }
        String code = params.string("code");
        if (code == null) {
            code = Ids.random(8).toUpperCase(Locale.ROOT);
        }
        if (!code.matches("[A-Za-z0-9_-]{1,500}")) {
            throw StripeApiException.invalid("code", "Promotion codes may only contain alphanumeric characters,"
                    + " dashes and underscores.");
        }
        String typed = code;
        if (!ctx.store.all("promotion_code", p -> p.get("active").asBoolean()
                && typed.equalsIgnoreCase(p.get("code").asText())).isEmpty()) {
            throw StripeApiException.invalid("code", "An active promotion code with `code: " + code
                    + "` already exists.");
        }
        ObjectNode node = Json.object();
        node.put("id", Ids.next("promo"));
        node.put("object", "promotion_code");
        Boolean active = params.bool("active");
        node.put("active", active == null || active);
        node.put("code", code);
        node.put("created", now);
        String customer = params.string("customer");
        if (customer != null) {
            ctx.store.referenced("customer", customer, "customer", "customer");
        }
        node.put("customer", customer);
        node.putNull("customer_account");
        Long expiresAt = params.integer("expires_at");
        if (expiresAt != null && expiresAt <= now) {
            throw StripeApiException.invalid("expires_at", "Date must be in the future.");
        }
        if (expiresAt != null && coupon.path("redeem_by").isNumber() && expiresAt > coupon.get("redeem_by").asLong()) {
            throw StripeApiException.invalid("expires_at",
                    "The promotion code's `expires_at` may not be later than the coupon's `redeem_by`.");
        }
        node.set("expires_at", expiresAt == null ? null : node.numberNode(expiresAt));
        node.put("livemode", false);
        Long max = params.integer("max_redemptions");
        if (max != null && max < 1) {
            throw StripeApiException.invalid("max_redemptions", "This value must be greater than or equal to 1.");
        }
        node.set("max_redemptions", max == null ? null : node.numberNode(max));
        node.set("metadata", Json.object());
        ObjectNode promotionNode = Json.object();
        promotionNode.put("coupon", couponId);
        promotionNode.put("type", "coupon");
        node.set("promotion", promotionNode);
        FormParams restrictions = params.sub("restrictions");
        ObjectNode restrictionNode = Json.object();
        restrictionNode.set("currency_options", Json.object());
        Boolean firstTime = restrictions.bool("first_time_transaction");
        restrictionNode.put("first_time_transaction", firstTime != null && firstTime);
        Long minimum = restrictions.integer("minimum_amount");
        String minimumCurrency = restrictions.string("minimum_amount_currency");
        if (minimum != null && minimumCurrency == null) {
            throw StripeApiException.missingParameter("restrictions[minimum_amount_currency]");
        }
        if (minimum == null && minimumCurrency != null) {
            throw StripeApiException.missingParameter("restrictions[minimum_amount]");
        }
        restrictionNode.set("minimum_amount", minimum == null ? null : node.numberNode(minimum));
        restrictionNode.put("minimum_amount_currency", minimumCurrency == null ? null
                : minimumCurrency.toLowerCase(Locale.ROOT));
        node.set("restrictions", restrictionNode);
        node.put("times_redeemed", 0);
        EmulatorContext.applyMetadata(node, params);
        ctx.store.put(node);
        ctx.events.publish("promotion_code.created", node, request.origin());
        return ApiResponse.ok(ctx.render(node, request.expand()));
    }

    private ObjectNode code(String id, String param) {
        return ctx.store.get("promotion_code", id, "promotion code", param);
    }

    private ApiResponse retrieveCode(ApiRequest request) {
        return ApiResponse.ok(ctx.render(code(request.path("id"), "id"), request.expand()));
    }

    private ApiResponse listCodes(ApiRequest request) {
        FormParams params = request.params();
        String code = params.string("code");
        Boolean active = params.bool("active");
        String coupon = params.string("coupon");
        String customer = params.string("customer");
        List<ObjectNode> codes = ctx.store.all("promotion_code", p ->
                (code == null || code.equalsIgnoreCase(p.get("code").asText()))
                && (active == null || active == p.get("active").asBoolean())
                && (coupon == null || coupon.equals(p.path("promotion").path("coupon").asText()))
                && (customer == null || customer.equals(Json.text(p, "customer"))));
        return ApiResponse.ok(ListPager.page(codes, params, "/v1/promotion_codes", "promotion code",
                p -> ctx.render(p, CustomerResource.dataExpand(request))));
    }

    private ApiResponse updateCode(ApiRequest request) {
        ObjectNode node = code(request.path("id"), "id");
        ObjectNode before = node.deepCopy();
        Boolean active = request.params().bool("active");
        if (Boolean.TRUE.equals(active) && !node.get("active").asBoolean()) {
            ObjectNode coupon = coupon(node.get("promotion").get("coupon").asText(), "id", 400);
            if (!coupon.get("valid").asBoolean()) {
                throw StripeApiException.invalid("active", "The promotion code's coupon is no longer valid.");
            }
        }
        if (active != null) {
            node.put("active", active);
        }
        EmulatorContext.applyMetadata(node, request.params());
        ctx.publishUpdate("promotion_code.updated", before, node, request.origin());
        return ApiResponse.ok(ctx.render(node, request.expand()));
    }

    // ---- redemption

    /**
     * The coupon a Checkout Session's discount resolves to, after the checks Stripe makes when a code is applied:
     * active, not expired, for this customer, not used up, first purchase, minimum amount.
     *
     * @param customer the session's customer, or null
     * @param subtotal the session's amount before discounts
     */
    ObjectNode redeemableCoupon(String promotionCodeId, String couponId, String customer, long subtotal,
            String currency, String param) {
        if (promotionCodeId != null) {
            ObjectNode code = ctx.store.referenced("promotion_code", promotionCodeId, "promotion code", param);
            long now = ctx.now();
            if (!code.get("active").asBoolean()) {
                throw StripeApiException.invalid("promotion_code_inactive", param, "This promotion code is inactive.");
            }
            if (code.path("expires_at").isNumber() && code.get("expires_at").asLong() <= now) {
                throw StripeApiException.invalid("promotion_code_expired", param, "This promotion code has expired.");
            }
            String only = Json.text(code, "customer");
            if (only != null && !only.equals(customer)) {
                throw StripeApiException.invalid("promotion_code_customer_not_eligible", param,
                        "This promotion code cannot be redeemed by this customer.");
            }
            if (code.path("max_redemptions").isNumber()
                    && code.get("times_redeemed").asLong() >= code.get("max_redemptions").asLong()) {
                throw StripeApiException.invalid("promotion_code_max_redemptions", param,
                        "This promotion code has been redeemed the maximum number of times.");
            }
            JsonNode restrictions = code.get("restrictions");
            if (restrictions.path("first_time_transaction").asBoolean(false) && customer != null
                    && !ctx.store.all("charge", c -> customer.equals(Json.text(c, "customer"))).isEmpty()) {
                throw StripeApiException.invalid("promotion_code_first_time_only", param,
                        "This promotion code can only be redeemed on a customer's first purchase.");
            }
            if (restrictions.path("minimum_amount").isNumber() && (!restrictions.get("minimum_amount_currency")
                    .asText().equals(currency) || subtotal < restrictions.get("minimum_amount").asLong())) {
                throw StripeApiException.invalid("promotion_code_minimum_amount", param,
                        "This promotion code requires a minimum order of " + Money.format(
                                restrictions.get("minimum_amount").asLong(),
                                restrictions.get("minimum_amount_currency").asText()) + ".");
            }
            couponId = code.get("promotion").get("coupon").asText();
        }
        ObjectNode coupon = coupon(couponId, param, 400);
        if (!coupon.get("valid").asBoolean()) {
            throw StripeApiException.invalid("coupon_expired", param, "This coupon is no longer valid.");
        }
        if (coupon.path("currency").isTextual() && !coupon.get("currency").asText().equals(currency)) {
            throw StripeApiException.invalid(param, "The coupon's currency does not match this purchase's currency.");
        }
        return coupon;
    }

    /**
     * What a coupon takes off each line (by product and amount before discounts): a percentage of every line it
     * applies to, or its fixed amount once, spread over those lines in order.
     */
    static long[] allocate(ObjectNode coupon, List<String> products, List<Long> amounts) {
        long[] off = new long[amounts.size()];
        long fixedLeft = coupon.path("amount_off").asLong(0);
        for (int i = 0; i < amounts.size(); i++) {
            if (!appliesTo(coupon, products.get(i))) {
                continue;
            }
            long amount = amounts.get(i);
            if (coupon.path("percent_off").isNumber()) {
                off[i] = coupon.get("percent_off").decimalValue().multiply(BigDecimal.valueOf(amount))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValue();
            } else {
                off[i] = Math.min(amount, fixedLeft);
                fixedLeft -= off[i];
            }
        }
        return off;
    }

    private static boolean appliesTo(ObjectNode coupon, String product) {
        JsonNode products = coupon.path("applies_to").path("products");
        if (!products.isArray()) {
            return true;
        }
        for (JsonNode p : products) {
            if (p.asText().equals(product)) {
                return true;
            }
        }
        return false;
    }
}
