package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Read access to invoices, payment intents, charges and setup intents, and payment methods (list, attach, detach). */
final class PaymentResources {

    private final EmulatorContext ctx;
    private final BillingEngine engine;

    PaymentResources(EmulatorContext ctx, BillingEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
    }

    void register(Router router) {
        router.add("GET", "/v1/invoices", ParamSpec.list("customer", "subscription", "status", "collection_method",
                "due_date", "due_date[*]"), this::listInvoices);
        router.add("GET", "/v1/invoices/{id}", ParamSpec.of(), r -> retrieve(r, "invoice", "invoice"));
        router.add("GET", "/v1/invoices/{id}/lines", ParamSpec.of("limit", "starting_after", "ending_before"),
                this::invoiceLines);
        router.add("GET", "/v1/invoice_payments", ParamSpec.list("invoice", "payment[type]",
                "payment[payment_intent]", "status"), this::listInvoicePayments);
        router.add("GET", "/v1/invoice_payments/{id}", ParamSpec.of(), r -> retrieve(r, "invoice_payment",
                "invoice payment"));
        router.add("GET", "/v1/payment_intents", ParamSpec.list("customer"), r -> listByCustomer(r, "payment_intent",
                "/v1/payment_intents", null));
        router.add("GET", "/v1/payment_intents/{id}", ParamSpec.of("client_secret"),
                r -> retrieve(r, "payment_intent", "payment_intent"));
        router.add("GET", "/v1/charges", ParamSpec.list("customer", "payment_intent", "transfer_group"),
                r -> listByCustomer(r, "charge", "/v1/charges", "payment_intent"));
        router.add("GET", "/v1/charges/{id}", ParamSpec.of(), r -> retrieve(r, "charge", "charge"));
        router.add("GET", "/v1/setup_intents/{id}", ParamSpec.of("client_secret"),
                r -> retrieve(r, "setup_intent", "setup_intent"));
        router.add("GET", "/v1/payment_methods", ParamSpec.of("customer", "type", "limit", "starting_after",
                "ending_before", "allow_redisplay"), this::listPaymentMethods);
        router.add("GET", "/v1/payment_methods/{id}", ParamSpec.of(), r -> retrieve(r, "payment_method",
                "PaymentMethod"));
        router.add("GET", "/v1/customers/{customer}/payment_methods", ParamSpec.of("type", "limit",
                "starting_after", "ending_before", "allow_redisplay"), this::listCustomerPaymentMethods);
        router.add("GET", "/v1/customers/{customer}/payment_methods/{id}", ParamSpec.of(),
                this::retrieveCustomerPaymentMethod);
        router.add("POST", "/v1/payment_methods/{id}/attach", ParamSpec.of("customer"), this::attach);
        router.add("POST", "/v1/payment_methods/{id}/detach", ParamSpec.of(), this::detach);
    }

    /** A payment method by id, or a new one for a Stripe test token such as {@code pm_card_visa}. */
    static ObjectNode resolvePaymentMethod(EmulatorContext ctx, BillingEngine engine, String id, String param) {
        TestCard card = TestCard.ofToken(id);
        if (card != null) {
            return engine.newPaymentMethod(card, null, null);
        }
        return ctx.store.get("payment_method", id, "PaymentMethod", param);
    }

    private ApiResponse retrieve(ApiRequest request, String type, String resourceName) {
        return ApiResponse.ok(ctx.render(ctx.store.get(type, request.path("id"), resourceName, "id"),
                request.expand()));
    }

    private ApiResponse listInvoices(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.string("customer");
        String subscription = params.string("subscription");
        String status = params.oneOf("status", null, "draft", "open", "paid", "uncollectible", "void");
        String collection = params.oneOf("collection_method", null, "charge_automatically", "send_invoice");
        List<ObjectNode> invoices = ctx.store.all("invoice", i -> (customer == null
                || customer.equals(Json.text(i, "customer")))
                && (subscription == null || subscription.equals(Json.text(i, "subscription")))
                && (status == null || status.equals(Json.text(i, "status")))
                && (collection == null || collection.equals(Json.text(i, "collection_method"))));
        return ApiResponse.ok(ListPager.page(invoices, params, "/v1/invoices", "invoice",
                i -> ctx.render(i, CustomerResource.dataExpand(request))));
    }

    private ApiResponse listInvoicePayments(ApiRequest request) {
        FormParams params = request.params();
        String invoice = params.string("invoice");
        String type = params.oneOf("payment[type]", null, "payment_intent", "payment_record");
        String intent = params.string("payment[payment_intent]");
        String status = params.oneOf("status", null, "canceled", "open", "paid");
        List<ObjectNode> payments = ctx.store.all("invoice_payment", p -> (invoice == null
                || invoice.equals(Json.text(p, "invoice")))
                && (type == null || type.equals(p.path("payment").path("type").asText()))
                && (intent == null || intent.equals(p.path("payment").path("payment_intent").asText()))
                && (status == null || status.equals(Json.text(p, "status"))));
        return ApiResponse.ok(ListPager.page(payments, params, "/v1/invoice_payments", "invoice payment",
                p -> ctx.render(p, CustomerResource.dataExpand(request))));
    }

    private ApiResponse invoiceLines(ApiRequest request) {
        ObjectNode invoice = ctx.store.get("invoice", request.path("id"), "invoice", "invoice");
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode line : invoice.get("lines").get("data")) {
            lines.add((ObjectNode) line);
        }
        return ApiResponse.ok(ListPager.page(lines, request.params(), "/v1/invoices/" + request.path("id") + "/lines",
                "line item", l -> ctx.render(l, CustomerResource.dataExpand(request))));
    }

    private ApiResponse listByCustomer(ApiRequest request, String type, String url, String secondFilter) {
        FormParams params = request.params();
        String customer = params.string("customer");
        String second = secondFilter == null ? null : params.string(secondFilter);
        List<ObjectNode> objects = ctx.store.all(type, o -> (customer == null
                || customer.equals(Json.text(o, "customer")))
                && (second == null || second.equals(Json.text(o, secondFilter))));
        return ApiResponse.ok(ListPager.page(objects, params, url, type.replace('_', ' '),
                o -> ctx.render(o, CustomerResource.dataExpand(request))));
    }

    private List<ObjectNode> paymentMethods(String customer, FormParams params) {
        String type = params.string("type");
        String redisplay = params.oneOf("allow_redisplay", null, "always", "limited", "unspecified");
        return ctx.store.all("payment_method", pm -> (customer == null || customer.equals(Json.text(pm, "customer")))
                && (type == null || type.equals(Json.text(pm, "type")))
                && (redisplay == null || redisplay.equals(Json.text(pm, "allow_redisplay"))));
    }

    private ApiResponse listPaymentMethods(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.string("customer");
        if (customer != null) {
            ctx.store.get("customer", customer, "customer", "customer");
        }
        return ApiResponse.ok(ListPager.page(paymentMethods(customer, params), params, "/v1/payment_methods",
                "PaymentMethod", pm -> ctx.render(pm, CustomerResource.dataExpand(request))));
    }

    private ApiResponse listCustomerPaymentMethods(ApiRequest request) {
        String customer = ctx.store.get("customer", request.path("customer"), "customer", "customer").get("id")
                .asText();
        return ApiResponse.ok(ListPager.page(paymentMethods(customer, request.params()), request.params(),
                "/v1/customers/" + customer + "/payment_methods", "PaymentMethod",
                pm -> ctx.render(pm, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveCustomerPaymentMethod(ApiRequest request) {
        String customer = ctx.store.get("customer", request.path("customer"), "customer", "customer").get("id")
                .asText();
        ObjectNode pm = ctx.store.get("payment_method", request.path("id"), "PaymentMethod", "payment_method");
        if (!customer.equals(Json.text(pm, "customer"))) {
            throw StripeApiException.noSuch("PaymentMethod", request.path("id"), "payment_method");
        }
        return ApiResponse.ok(ctx.render(pm, request.expand()));
    }

    private ApiResponse attach(ApiRequest request) {
        ObjectNode customer = ctx.store.referenced("customer", request.params().require("customer"), "customer", "customer");
        ObjectNode pm = resolvePaymentMethod(ctx, engine, request.path("id"), "payment_method");
        String current = Json.text(pm, "customer");
        if (current != null) {
            if (current.equals(customer.get("id").asText())) {
                return ApiResponse.ok(ctx.render(pm, request.expand()));
            }
            throw StripeApiException.invalid(null,
                    "The payment method you provided has already been attached to a customer.");
        }
        engine.attach(pm, customer, request.origin());
        return ApiResponse.ok(ctx.render(pm, request.expand()));
    }

    private ApiResponse detach(ApiRequest request) {
        ObjectNode pm = ctx.store.get("payment_method", request.path("id"), "PaymentMethod", "payment_method");
        if (pm.path("customer").isNull()) {
            throw StripeApiException.invalid(null, "The payment method you provided is not attached to a customer"
                    + " so detachment is impossible.");
        }
        engine.detach(pm, request.origin());
        return ApiResponse.ok(ctx.render(pm, request.expand()));
    }
}
