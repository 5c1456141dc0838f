package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@code /v1/customers}: create, retrieve, update, delete, list and search. */
final class CustomerResource {

    private static final String[] WRITABLE = {"address", "address[*]", "balance", "description", "email",
        "invoice_prefix", "invoice_settings[default_payment_method]", "invoice_settings[footer]", "metadata",
        "metadata[*]", "name", "phone", "preferred_locales[#]", "shipping", "shipping[**]", "tax_exempt"};

    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final FaultInjector faults;

    CustomerResource(EmulatorContext ctx, BillingEngine engine, FaultInjector faults) {
        this.ctx = ctx;
        this.engine = engine;
        this.faults = faults;
    }

    void register(Router router) {
        router.add("POST", "/v1/customers", ParamSpec.of(concat(WRITABLE, "payment_method")), this::create);
        router.add("GET", "/v1/customers", ParamSpec.list("email", "test_clock"), this::list);
        router.add("GET", "/v1/customers/search", ParamSpec.of("query", "limit", "page"), this::search);
        router.add("GET", "/v1/customers/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/customers/{id}", ParamSpec.of(concat(WRITABLE, "default_source")), this::update);
        router.add("DELETE", "/v1/customers/{id}", ParamSpec.of(), this::delete);
    }

    static String[] concat(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private ApiResponse create(ApiRequest request) {
        FormParams params = request.params();
        ObjectNode customer = StripeObjects.customer(Ids.next("cus"), ctx.now());
        apply(customer, params);
        String token = params.string("payment_method");
        ObjectNode pm = token == null ? null
                : PaymentResources.resolvePaymentMethod(ctx, engine, token, "payment_method");
        if (pm != null && !pm.path("customer").isNull()) {
            throw StripeApiException.invalid("payment_method",
                    "The payment method you provided has already been attached to a customer.");
        }
        String defaultPm = params.string("invoice_settings[default_payment_method]");
        if (pm != null && token.equals(defaultPm)) {
            ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", pm.get("id").asText());
        } else {
            setDefaultPaymentMethod(customer, params);
        }
        ctx.store.put(customer);
        faults.created(customer.get("id").asText());
        ctx.events.publish("customer.created", customer, request.origin());
        if (pm != null) {
            engine.attach(pm, customer, request.origin());
        }
        return ApiResponse.ok(ctx.render(customer, request.expand()));
    }

    private void apply(ObjectNode customer, FormParams params) {
        for (String field : List.of("description", "name", "phone")) {
            if (params.string(field) != null) {
                customer.put(field, params.string(field).isEmpty() ? null : params.string(field));
            }
        }
        String email = params.string("email");
        if (email != null) {
            if (!email.isEmpty() && (email.length() > 512 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
                throw StripeApiException.invalid("email_invalid", "email", "Invalid email address: " + email);
            }
            customer.put("email", email.isEmpty() ? null : email);
        }
        if (params.has("address")) {
            customer.set("address", params.cleared("address") ? null : hash(Json.address(), params.sub("address")));
        }
        if (params.has("shipping")) {
            customer.set("shipping", params.cleared("shipping") ? null : shipping(params.sub("shipping")));
        }
        if (params.string("balance") != null) {
            customer.put("balance", params.integer("balance"));
        }
        if (params.string("invoice_prefix") != null) {
            String prefix = params.string("invoice_prefix");
            if (!prefix.matches("[A-Z0-9]{3,12}")) {
                throw StripeApiException.invalid("invoice_prefix",
                        "Invoice prefix must be 3-12 uppercase letters or numbers.");
            }
            customer.put("invoice_prefix", prefix);
        }
        if (params.string("invoice_settings[footer]") != null) {
            ((ObjectNode) customer.get("invoice_settings")).put("footer", params.string("invoice_settings[footer]"));
        }
        if (params.has("preferred_locales")) {
            ArrayNode locales = Json.array();
            params.list("preferred_locales").forEach(locales::add);
            customer.set("preferred_locales", locales);
        }
        if (params.string("tax_exempt") != null) {
            customer.put("tax_exempt", params.oneOf("tax_exempt", "none", "none", "exempt", "reverse"));
        }
        EmulatorContext.applyMetadata(customer, params);
    }

    private static ObjectNode hash(ObjectNode defaults, FormParams params) {
        for (String key : params.keys()) {
            if (!defaults.has(key)) {
                throw StripeApiException.unknownParameter(params.qualified(key));
            }
            defaults.put(key, params.string(key));
        }
        return defaults;
    }

    private static ObjectNode shipping(FormParams params) {
        ObjectNode shipping = Json.object();
        shipping.set("address", hash(Json.address(), params.sub("address")));
        shipping.put("name", params.require("name"));
        shipping.put("phone", params.string("phone"));
        return shipping;
    }

    private void setDefaultPaymentMethod(ObjectNode customer, FormParams params) {
        String pmId = params.string("invoice_settings[default_payment_method]");
        if (pmId == null) {
            return;
        }
        ObjectNode settings = (ObjectNode) customer.get("invoice_settings");
        if (pmId.isEmpty()) {
            settings.putNull("default_payment_method");
            return;
        }
        ObjectNode pm = ctx.store.find(pmId).filter(n -> "payment_method".equals(n.path("object").asText()))
                .orElse(null);
        if (pm == null || !customer.get("id").asText().equals(Json.text(pm, "customer"))) {
            throw StripeApiException.invalid("resource_missing", "invoice_settings[default_payment_method]",
                    "The customer does not have a payment method with the ID " + pmId
                            + ". The payment method must be attached to the customer.");
        }
        settings.put("default_payment_method", pmId);
    }

    private ObjectNode find(ApiRequest request) {
        return ctx.store.get("customer", request.path("id"), "customer", "id");
    }

    private ApiResponse retrieve(ApiRequest request) {
        ObjectNode customer = ctx.store.find(request.path("id"))
                .filter(n -> "customer".equals(n.path("object").asText()))
                .orElseThrow(() -> StripeApiException.noSuch("customer", request.path("id"), "id"));
        return ApiResponse.ok(ctx.render(customer, request.expand()));
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode customer = find(request);
        ObjectNode before = customer.deepCopy();
        apply(customer, request.params());
        setDefaultPaymentMethod(customer, request.params());
        ctx.publishUpdate("customer.updated", before, customer, request.origin());
        return ApiResponse.ok(ctx.render(customer, request.expand()));
    }

    private ApiResponse delete(ApiRequest request) {
        ObjectNode customer = find(request);
        String id = customer.get("id").asText();
        for (ObjectNode subscription : ctx.store.all("subscription", s -> id.equals(s.path("customer").asText())
                && !"canceled".equals(s.path("status").asText())
                && !"incomplete_expired".equals(s.path("status").asText()))) {
            engine.cancelNow(subscription, ctx.now(), "cancellation_requested", request.origin());
        }
        ObjectNode snapshot = customer.deepCopy();
        ObjectNode deleted = Json.object();
        deleted.put("id", id);
        deleted.put("object", "customer");
        deleted.put("deleted", true);
        ctx.store.put(deleted);
        ctx.events.publish("customer.deleted", snapshot, request.origin());
        return ApiResponse.ok(deleted.deepCopy());
    }

    private ApiResponse list(ApiRequest request) {
        String email = request.params().string("email");
        List<ObjectNode> customers = ctx.store.all("customer",
                c -> email == null || email.equalsIgnoreCase(c.path("email").asText()));
        return ApiResponse.ok(ListPager.page(customers, request.params(), "/v1/customers", "customer",
                c -> ctx.render(c, dataExpand(request))));
    }

    /** The {@code data.}-prefixed expansions of a list request, applied to each element. */
    static List<String> dataExpand(ApiRequest request) {
        List<String> paths = new ArrayList<>();
        for (String path : request.expand()) {
            if (!path.startsWith("data.")) {
                throw StripeApiException.invalid("expand", "This property cannot be expanded (" + path + ").");
            }
            paths.add(path.substring("data.".length()));
        }
        return paths;
    }

    private ApiResponse search(ApiRequest request) {
        FormParams params = request.params();
        SearchQuery query = SearchQuery.parse(params.require("query"), "customers",
                List.of("email", "name", "phone", "metadata"));
        int limit = ListPager.limit(params);
        int offset = 0;
        String page = params.string("page");
        if (page != null && !page.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw StripeApiException.invalid("page", "Invalid page token: " + page);
            }
        }
        List<ObjectNode> matches = ctx.store.all("customer",
                c -> query.matches(c) && faults.searchable(c.get("id").asText()));
        ArrayNode data = Json.array();
        int end = Math.min(matches.size(), offset + limit);
        for (ObjectNode customer : matches.subList(Math.min(offset, end), end)) {
            data.add(ctx.render(customer, dataExpand(request)));
        }
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        result.set("data", data);
        boolean hasMore = end < matches.size();
        result.put("has_more", hasMore);
        result.put("next_page", hasMore ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : null);
        result.put("url", "/v1/customers/search");
        return ApiResponse.ok(result);
    }
}
