package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Billing credit grants ({@code /v1/billing/credit_grants}), the debits that invoices draw from them
 * ({@code /v1/billing/credit_balance_transactions}) and a customer's balance
 * ({@code /v1/billing/credit_balance_summary}).
 *
 * <p>Credits apply to metered prices only, as Stripe's do: when an invoice is issued, each metered line is reduced
 * by the customer's grants in force, taken by priority (lower first), then the soonest expiry, then promotional
 * before paid, then the earliest effective date and creation.
 */
final class CreditGrantResource {

    private static final long DEFAULT_PRIORITY = 50;

    private final EmulatorContext ctx;

    CreditGrantResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/v1/billing/credit_grants", ParamSpec.of("customer", "amount[type]",
                "amount[monetary][value]", "amount[monetary][currency]", "applicability_config[scope][price_type]",
                "applicability_config[scope][prices][#][id]", "category", "effective_at", "expires_at", "name",
                "priority", "metadata", "metadata[*]"), this::create);
        router.add("GET", "/v1/billing/credit_grants", ParamSpec.of("customer", "limit", "starting_after",
                "ending_before"), this::list);
        router.add("GET", "/v1/billing/credit_grants/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/billing/credit_grants/{id}", ParamSpec.of("expires_at", "metadata", "metadata[*]"),
                this::update);
        router.add("POST", "/v1/billing/credit_grants/{id}/expire", ParamSpec.of(), this::expire);
        router.add("POST", "/v1/billing/credit_grants/{id}/void", ParamSpec.of(), this::voidGrant);
        router.add("GET", "/v1/billing/credit_balance_summary", ParamSpec.of("customer", "filter[type]",
                "filter[credit_grant]", "filter[applicability_scope][price_type]",
                "filter[applicability_scope][prices][#][id]"), this::summary);
        router.add("GET", "/v1/billing/credit_balance_transactions", ParamSpec.of("customer", "credit_grant",
                "limit", "starting_after", "ending_before"), this::listTransactions);
        router.add("GET", "/v1/billing/credit_balance_transactions/{id}", ParamSpec.of(),
                this::retrieveTransaction);
    }

    // ---- grants

    private ApiResponse create(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.require("customer");
        ctx.store.referenced("customer", customer, "customer", "customer");
        if (params.string("amount[type]") == null) {
            throw StripeApiException.missingParameter("amount[type]");
        }
        params.oneOf("amount[type]", null, "monetary");
        Long value = params.integer("amount[monetary][value]");
        if (value == null) {
            throw StripeApiException.missingParameter("amount[monetary][value]");
        }
        if (value <= 0) {
            throw StripeApiException.invalid("amount[monetary][value]", "This value must be greater than 0.");
        }
        String currency = params.require("amount[monetary][currency]").toLowerCase(Locale.ROOT);
        String priceType = params.oneOf("applicability_config[scope][price_type]", null, "metered");
        List<String> prices = new ArrayList<>();
        for (FormParams price : params.sub("applicability_config").sub("scope").objects("prices")) {
            ObjectNode stored = ctx.store.referenced("price", price.require("id"), "price", price.qualified("id"));
            if (!StripeObjects.metered(stored)) {
                throw StripeApiException.invalid(price.qualified("id"),
                        "Billing credits can only apply to metered prices that have a meter.");
            }
            prices.add(stored.get("id").asText());
        }
        if (priceType == null && prices.isEmpty()) {
            throw StripeApiException.missingParameter("applicability_config[scope][price_type]");
        }
        if (priceType != null && !prices.isEmpty()) {
            throw StripeApiException.invalid("applicability_config[scope]", "You may only specify one of these"
                    + " parameters: price_type, prices.");
        }
        long priority = params.integer("priority", DEFAULT_PRIORITY);
        if (priority < 0 || priority > 100) {
            throw StripeApiException.invalid("priority", "Priority must be between 0 and 100.");
        }
        long now = ctx.now();
        Long effectiveAt = params.integer("effective_at");
        Long expiresAt = params.integer("expires_at");
        if (expiresAt != null && expiresAt <= (effectiveAt == null ? now : effectiveAt)) {
            throw StripeApiException.invalid("expires_at", "expires_at must be after effective_at.");
        }
        ObjectNode grant = StripeObjects.creditGrant(Ids.next("credgr"), now, customer, value, currency, priceType,
                prices, params.oneOf("category", "paid", "paid", "promotional"), effectiveAt == null ? now
                        : effectiveAt, expiresAt, params.string("name"), priority);
        EmulatorContext.applyMetadata(grant, params);
        grant.put("_remaining", value);
        ctx.store.put(grant);
        ctx.events.publish("billing.credit_grant.created", grant, request.origin());
        return ApiResponse.ok(ctx.render(grant, request.expand()));
    }

    private ObjectNode find(ApiRequest request) {
        return ctx.store.get("billing.credit_grant", request.path("id"), "billing.credit_grant", "id");
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(ctx.render(find(request), request.expand()));
    }

    private ApiResponse list(ApiRequest request) {
        String customer = request.params().string("customer");
        List<ObjectNode> grants = ctx.store.all("billing.credit_grant",
                g -> customer == null || customer.equals(g.get("customer").asText()));
        return ApiResponse.ok(ListPager.page(grants, request.params(), "/v1/billing/credit_grants",
                "billing.credit_grant", g -> ctx.render(g, CustomerResource.dataExpand(request))));
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode grant = find(request);
        ObjectNode before = grant.deepCopy();
        Long expiresAt = request.params().integer("expires_at");
        if (expiresAt != null) {
            grant.put("expires_at", expiresAt);
        }
        EmulatorContext.applyMetadata(grant, request.params());
        grant.put("updated", ctx.now());
        before.set("updated", grant.get("updated"));
        ctx.publishUpdate("billing.credit_grant.updated", before, grant, request.origin());
        return ApiResponse.ok(ctx.render(grant, request.expand()));
    }

    private ApiResponse expire(ApiRequest request) {
        ObjectNode grant = find(request);
        long now = ctx.now();
        if (grant.path("expires_at").isNumber() && grant.get("expires_at").asLong() <= now
                || grant.path("voided_at").isNumber()) {
            throw StripeApiException.invalid(null, "This credit grant has already expired or been voided.");
        }
        ObjectNode before = grant.deepCopy();
        grant.put("expires_at", now);
        grant.put("updated", now);
        ctx.publishUpdate("billing.credit_grant.updated", before, grant, request.origin());
        return ApiResponse.ok(ctx.render(grant, request.expand()));
    }

    private ApiResponse voidGrant(ApiRequest request) {
        ObjectNode grant = find(request);
        if (grant.path("voided_at").isNumber()) {
            throw StripeApiException.invalid(null, "This credit grant has already been voided.");
        }
        if (grant.get("_remaining").asLong() != grant.get("amount").get("monetary").get("value").asLong()) {
            throw StripeApiException.invalid(null, "A credit grant that has been applied to an invoice cannot be"
                    + " voided; expire it instead.");
        }
        ObjectNode before = grant.deepCopy();
        long now = ctx.now();
        grant.put("voided_at", now);
        grant.put("updated", now);
        ctx.publishUpdate("billing.credit_grant.updated", before, grant, request.origin());
        return ApiResponse.ok(ctx.render(grant, request.expand()));
    }

    // ---- balances

    private ApiResponse summary(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.require("customer");
        ctx.store.referenced("customer", customer, "customer", "customer");
        String type = params.oneOf("filter[type]", null, "applicability_scope", "credit_grant");
        if (type == null) {
            throw StripeApiException.missingParameter("filter[type]");
        }
        String grantId = params.string("filter[credit_grant]");
        if ("credit_grant".equals(type) && grantId == null) {
            throw StripeApiException.missingParameter("filter[credit_grant]");
        }
        List<String> prices = new ArrayList<>();
        for (FormParams price : params.sub("filter").sub("applicability_scope").objects("prices")) {
            prices.add(price.require("id"));
        }
        long now = ctx.now();
        TreeMap<String, long[]> byCurrency = new TreeMap<>();
        for (ObjectNode grant : ctx.store.all("billing.credit_grant", g -> customer.equals(g.get("customer")
                .asText()) && ("applicability_scope".equals(type) ? inScope(g, prices)
                        : g.get("id").asText().equals(grantId)))) {
            String currency = grant.get("amount").get("monetary").get("currency").asText();
            long[] balances = byCurrency.computeIfAbsent(currency, c -> new long[2]);
            if (usable(grant, now)) {
                balances[0] += grant.get("_remaining").asLong();
            }
            if (!grant.path("voided_at").isNumber() && !expired(grant, now)) {
                balances[1] += grant.get("_remaining").asLong();
            }
        }
        ArrayNode balances = Json.array();
        byCurrency.forEach((currency, amounts) -> {
            ObjectNode balance = Json.object();
            balance.set("available_balance", monetary(currency, amounts[0]));
            balance.set("ledger_balance", monetary(currency, amounts[1]));
            balances.add(balance);
        });
        ObjectNode summary = Json.object();
        summary.put("object", "billing.credit_balance_summary");
        summary.set("balances", balances);
        summary.put("customer", customer);
        summary.putNull("customer_account");
        summary.put("livemode", false);
        return ApiResponse.ok(summary);
    }

    private ApiResponse listTransactions(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.require("customer");
        String grant = params.string("credit_grant");
        List<ObjectNode> transactions = ctx.store.all("billing.credit_balance_transaction",
                t -> customer.equals(t.get("_customer").asText())
                        && (grant == null || grant.equals(t.get("credit_grant").asText())));
        return ApiResponse.ok(ListPager.page(transactions, params, "/v1/billing/credit_balance_transactions",
                "billing.credit_balance_transaction", t -> ctx.render(t, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveTransaction(ApiRequest request) {
        return ApiResponse.ok(ctx.render(ctx.store.get("billing.credit_balance_transaction", request.path("id"),
                "billing.credit_balance_transaction", "id"), request.expand()));
    }

    // ---- applying credits to an invoice

    private static boolean expired(ObjectNode grant, long now) {
        return grant.path("expires_at").isNumber() && grant.get("expires_at").asLong() <= now;
    }

    private static boolean usable(ObjectNode grant, long now) {
        return !grant.path("voided_at").isNumber() && !expired(grant, now)
                && grant.get("effective_at").asLong() <= now && grant.get("_remaining").asLong() > 0;
    }

    /** Whether a grant may apply to any of the prices (any metered price when none are named). */
    private static boolean inScope(ObjectNode grant, List<String> prices) {
        if (prices.isEmpty()) {
            return true;
        }
        for (String price : prices) {
            if (appliesTo(grant, price)) {
                return true;
            }
        }
        return false;
    }

    private static boolean appliesTo(ObjectNode grant, String price) {
        JsonNode scope = grant.get("applicability_config").get("scope");
        if (scope.path("prices").isArray() && !scope.get("prices").isEmpty()) {
            for (JsonNode candidate : scope.get("prices")) {
                if (price.equals(candidate.get("id").asText())) {
                    return true;
                }
            }
            return false;
        }
        return "metered".equals(scope.path("price_type").asText());
    }

    /**
     * Draws the customer's credit grants against the invoice's metered lines (after their discounts), recording a
     * {@code pretax_credit_amounts} entry and a debit transaction for each draw; call inside
     * {@link ObjectStore#atomically}.
     *
     * @return the total credited
     */
    static long apply(EmulatorContext ctx, ObjectNode invoice, ArrayNode lines) {
        long now = ctx.now();
        String customer = invoice.get("customer").asText();
        String currency = invoice.get("currency").asText();
        List<ObjectNode> grants = new ArrayList<>(ctx.store.all("billing.credit_grant", g -> customer.equals(
                g.get("customer").asText()) && currency.equals(g.get("amount").get("monetary").get("currency")
                .asText()) && usable(g, now)));
        if (grants.isEmpty()) {
            return 0;
        }
        grants.sort(Comparator.<ObjectNode>comparingLong(g -> g.get("priority").asLong())
                .thenComparingLong(g -> g.path("expires_at").isNumber() ? g.get("expires_at").asLong()
                        : Long.MAX_VALUE)
                .thenComparingInt(g -> "promotional".equals(g.get("category").asText()) ? 0 : 1)
                .thenComparingLong(g -> g.get("effective_at").asLong())
                .thenComparingLong(g -> g.get("created").asLong()));
        long credited = 0;
        for (JsonNode node : lines) {
            ObjectNode line = (ObjectNode) node;
            if (!StripeObjects.metered(ctx.store.find(line.get("pricing").get("price_details").get("price")
                    .asText()).orElse(Json.object()))) {
                continue;
            }
            long open = line.get("amount").asLong();
            for (JsonNode discount : line.path("discount_amounts")) {
                open -= discount.get("amount").asLong();
            }
            for (ObjectNode grant : grants) {
                long remaining = grant.get("_remaining").asLong();
                if (open <= 0 || remaining <= 0 || !appliesTo(grant, line.get("pricing").get("price_details")
                        .get("price").asText())) {
                    continue;
                }
                long draw = Math.min(open, remaining);
                grant.put("_remaining", remaining - draw);
                ObjectNode transaction = ctx.store.put(StripeObjects.creditDebit(Ids.next("cbtxn"), now, grant,
                        draw, invoice.get("id").asText(), line.get("id").asText()));
                (line.get("pretax_credit_amounts") instanceof ArrayNode credits ? credits
                        : line.putArray("pretax_credit_amounts")).add(creditAmount(draw, transaction));
                ((ArrayNode) invoice.get("total_pretax_credit_amounts")).add(creditAmount(draw, transaction));
                open -= draw;
                credited += draw;
            }
        }
        return credited;
    }

    private static ObjectNode creditAmount(long amount, ObjectNode transaction) {
        ObjectNode node = Json.object();
        node.put("amount", amount);
        node.put("credit_balance_transaction", transaction.get("id").asText());
        node.putNull("discount");
        node.put("type", "credit_balance_transaction");
        return node;
    }

    static ObjectNode monetary(String currency, long value) {
        ObjectNode amount = Json.object();
        ObjectNode monetary = Json.object();
        monetary.put("currency", currency);
        monetary.put("value", value);
        amount.set("monetary", monetary);
        amount.put("type", "monetary");
        return amount;
    }
}
