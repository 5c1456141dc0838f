package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The pages Stripe hosts: Checkout ({@code /checkout/{session}}), the customer portal
 * ({@code /billing-portal/{session}}) and invoices ({@code /invoices/{id}}); plain HTML forms.
 */
final class HostedPages {

    /** A payment that did not go through: the status and the page to show. */
    private record Failure(int status, String html) {
    }

    /** Like Stripe, Checkout waits this long for the {@code checkout.session.completed} webhook before redirecting. */
    static final Duration CHECKOUT_WEBHOOK_WAIT = Duration.ofSeconds(10);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final SubscriptionResource subscriptions;
    private final WebhookDispatcher dispatcher;
    private final DiscountResource discounts;

    HostedPages(EmulatorContext ctx, BillingEngine engine, SubscriptionResource subscriptions,
            WebhookDispatcher dispatcher, DiscountResource discounts) {
        this.ctx = ctx;
        this.engine = engine;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.discounts = discounts;
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI().getRawPath().substring(1).split("/");
        String raw = HttpIo.body(exchange);
        FormParams form = "POST".equals(method) ? FormParams.parse(raw) : FormParams.empty();
        try {
            if ("checkout".equals(parts[0]) && parts.length == 2) {
                checkout(exchange, method, parts[1], form);
            } else if ("billing-portal".equals(parts[0]) && parts.length >= 2) {
                portal(exchange, method, parts, form);
            } else if ("invoices".equals(parts[0]) && parts.length == 2 && "GET".equals(method)) {
                invoice(exchange, parts[1]);
            } else {
                notFound(exchange);
            }
        } catch (StripeApiException e) {
            if (e.status() == 404) {
                notFound(exchange);
            } else {
                HttpIo.html(exchange, e.status(), Html.page("Error", "<p class=\"error\">"
                        + Html.escape(e.getMessage()) + "</p>"));
            }
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        HttpIo.html(exchange, 404, Html.page("Not found", "<h1>Not found</h1><p>This link is invalid or has"
                + " expired.</p>"));
    }

    // ---- checkout

    private void checkout(HttpExchange exchange, String method, String sessionId, FormParams form) throws IOException {
        if ("GET".equals(method)) {
            String html = ctx.store.atomically(() -> checkoutPage(session(sessionId), null, form));
            HttpIo.html(exchange, 200, html);
            return;
        }
        if (!"POST".equals(method)) {
            notFound(exchange);
            return;
        }
        Object outcome = ctx.store.atomically(() -> {
            ObjectNode session = session(sessionId);
            try {
                String code = blankToNull(form.string("promotion_code"));
                if (code != null && session.path("allow_promotion_codes").asBoolean(false)) {
                    applyCode(session, code);
                }
                String typed = blankToNull(form.string("card_number"));
                TestCard card = typed == null && BillingEngine.canSkipPaymentMethod(session) ? null
                        : TestCard.of(form.string("card_number"));
                return engine.completeCheckout(session, card, blankToNull(form.string("email")),
                        blankToNull(form.string("name")), Origin.AUTOMATIC);
            } catch (StripeApiException e) {
                return new Failure(e.status(), checkoutPage(session, e.getMessage(), form));
            }
        });
        if (outcome instanceof BillingEngine.CheckoutResult result) {
            dispatcher.awaitFirstAttempt(result.completedEventId(), CHECKOUT_WEBHOOK_WAIT);
            if (result.redirectUrl() != null) {
                HttpIo.redirect(exchange, result.redirectUrl());
            } else {
                HttpIo.html(exchange, 200, Html.page("Thanks", "<h1>Thanks for your order</h1><p>Payment complete."
                        + "</p>"));
            }
        } else if (outcome instanceof Failure failure) {
            HttpIo.html(exchange, failure.status(), failure.html());
        }
    }

    /** Applies a code typed on the page, as Stripe's promotion code field does; an unknown code is an error. */
    private void applyCode(ObjectNode session, String code) {
        List<ObjectNode> found = ctx.store.all("promotion_code", p -> p.get("active").asBoolean()
                && code.equalsIgnoreCase(p.get("code").asText()));
        if (found.isEmpty()) {
            throw StripeApiException.invalid("promotion_code", "This code is invalid.");
        }
        String promotionCode = found.get(0).get("id").asText();
        ObjectNode coupon = discounts.redeemableCoupon(promotionCode, null, Json.text(session, "customer"),
                session.get("amount_subtotal").asLong(), session.get("currency").asText(), "promotion_code");
        CheckoutResource.applyDiscount(ctx, session, coupon, promotionCode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private ObjectNode session(String id) {
        return ctx.store.get("checkout.session", id, "checkout.session", "session");
    }

    private String checkoutPage(ObjectNode session, String error, FormParams form) {
        StringBuilder body = new StringBuilder();
        String mode = session.get("mode").asText();
        body.append("<h1>").append("setup".equals(mode) ? "Save a card" : "Checkout").append("</h1>");
        String status = session.get("status").asText();
        if (!"open".equals(status)) {
            body.append("<p>This Checkout Session is ").append(Html.escape(status)).append(".</p>");
            return Html.page("Checkout", body.toString());
        }
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
        }
        JsonNode items = session.path("_line_items");
        if (items.size() > 0) {
            body.append("<table><thead><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr></thead><tbody>");
            for (JsonNode item : items) {
                JsonNode price = item.get("price");
                String currency = price.get("currency").asText();
                String interval = price.path("recurring").path("interval").asText("");
                body.append("<tr><td>").append(Html.escape(item.get("description").asText())).append("</td><td>")
                        .append(item.get("quantity").asLong()).append("</td><td>")
                        .append(Html.escape(Money.format(price.get("unit_amount").asLong(), currency)))
                        .append(interval.isEmpty() ? "" : " / " + Html.escape(interval)).append("</td><td>")
                        .append(Html.escape(Money.format(item.get("amount_total").asLong(), currency)))
                        .append("</td></tr>");
            }
            body.append("</tbody></table><p><strong>Total due today: ")
                    .append(Html.escape(Money.format(trialing(session) ? 0 : session.get("amount_total").asLong(),
                            session.get("currency").asText())))
                    .append("</strong></p>");
            long discount = session.path("total_details").path("amount_discount").asLong(0);
            if (discount > 0) {
                body.append("<p id=\"discount\">Discount: ").append(Html.escape(Money.format(discount,
                        session.get("currency").asText()))).append("</p>");
            }
        }
        body.append("<form method=\"post\" action=\"/checkout/").append(Html.escape(session.get("id").asText()))
                .append("\">");
        String presetEmail = Json.text(session, "customer_email");
        if (session.path("customer").isNull()) {
            body.append("<label>Email <input type=\"email\" name=\"email\" value=\"")
                    .append(Html.escape(form.string("email", presetEmail == null ? "" : presetEmail)))
                    .append("\"></label><br>");
        }
        boolean cardOptional = BillingEngine.canSkipPaymentMethod(session);
        if (cardOptional) {
            body.append("<p id=\"no-card-needed\">No card needed to start the trial.</p>");
        }
        if (session.path("allow_promotion_codes").asBoolean(false) && session.path("discounts").isEmpty()) {
            body.append("<label>Promotion code <input name=\"promotion_code\" autocomplete=\"off\" value=\"")
                    .append(Html.escape(form.string("promotion_code", ""))).append("\"></label><br>");
        }
        body.append("<label>Name on card <input name=\"name\" value=\"").append(Html.escape(form.string("name", "")))
                .append("\"></label><br>")
                .append("<label>Card number <input name=\"card_number\" inputmode=\"numeric\" autocomplete=\"off\""
                        + " placeholder=\"4242 4242 4242 4242\" value=\"\"").append(cardOptional ? "" : " required")
                .append("></label><br>")
                .append("<label>Expiry <input name=\"exp\" placeholder=\"12 / 34\"></label>")
                .append("<label>CVC <input name=\"cvc\" placeholder=\"123\"></label><br>")
                .append("<button type=\"submit\">").append("setup".equals(mode) ? "Save card" : "Pay")
                .append("</button></form>");
        String cancelUrl = Json.text(session, "cancel_url");
        if (cancelUrl != null) {
            body.append("<p><a id=\"cancel\" href=\"").append(Html.escape(cancelUrl)).append("\">Cancel and go back</a>"
                    + "</p>");
        }
        body.append("<p><small>Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined.</small></p>");
        return Html.page("Checkout", body.toString());
    }

    private static boolean trialing(ObjectNode session) {
        return session.path("_subscription_data").path("trial_period_days").asLong(0) > 0;
    }

    // ---- portal

    private void portal(HttpExchange exchange, String method, String[] parts, FormParams form) throws IOException {
        String sessionId = parts[1];
        if ("GET".equals(method) && parts.length == 2) {
            HttpIo.html(exchange, 200, ctx.store.atomically(() -> portalPage(portalSession(sessionId), null)));
            return;
        }
        if (!"POST".equals(method)) {
            notFound(exchange);
            return;
        }
        String error = ctx.store.atomically(() -> {
            ObjectNode session = portalSession(sessionId);
            try {
                portalAction(session, parts, form);
                return null;
            } catch (StripeApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                return e.getMessage();
            }
        });
        if (error == null) {
            String after = ctx.store.atomically(() -> portalSession(sessionId).path("flow").path("after_completion")
                    .path("redirect").path("return_url").asText(null));
            HttpIo.redirect(exchange, after != null ? after : "/billing-portal/" + sessionId);
        } else {
            HttpIo.html(exchange, 400, ctx.store.atomically(() -> portalPage(portalSession(sessionId), error)));
        }
    }

    private void portalAction(ObjectNode session, String[] parts, FormParams form) {
        String customer = session.get("customer").asText();
        JsonNode features = configuration(session).get("features");
        if (parts.length == 5 && "subscriptions".equals(parts[2])) {
            ObjectNode subscription = ctx.store.get("subscription", parts[3], "subscription", "subscription");
            if (!customer.equals(subscription.get("customer").asText())) {
                throw StripeApiException.noSuch("subscription", parts[3], "subscription");
            }
            String itemId = subscription.get("items").get("data").get(0).get("id").asText();
            JsonNode cancel = features.get("subscription_cancel");
            JsonNode change = features.get("subscription_update");
            if ("cancel".equals(parts[4]) && !cancel.get("enabled").asBoolean()
                    || ("price".equals(parts[4]) || "quantity".equals(parts[4])) && !change.get("enabled").asBoolean()) {
                throw StripeApiException.invalid(null, "This portal does not allow that change.");
            }
            if ("cancel".equals(parts[4]) && "immediately".equals(cancel.get("mode").asText())) {
                engine.cancelNow(subscription, ctx.now(), "cancellation_requested", Origin.AUTOMATIC);
                return;
            }
            if ("price".equals(parts[4]) && !PortalFeatures.offersPrice(configuration(session), form.require("price"))) {
                throw StripeApiException.invalid("price", "This plan is not available here.");
            }
            if ("quantity".equals(parts[4]) && !PortalFeatures.contains(change.get("default_allowed_updates"),
                    "quantity")) {
                throw StripeApiException.invalid("quantity", "This portal does not allow changing the quantity.");
            }
            String update = switch (parts[4]) {
                case "cancel" -> "cancel_at_period_end=true";
                case "resume" -> "cancel_at_period_end=false";
                case "price" -> "items[0][id]=" + enc(itemId) + "&items[0][price]=" + enc(form.require("price"));
                case "quantity" -> {
                    Long quantity = form.integer("quantity");
                    if (quantity == null || quantity < 1) {
                        throw StripeApiException.invalid("quantity", "Quantity must be at least 1.");
                    }
                    yield "items[0][id]=" + enc(itemId) + "&items[0][quantity]=" + quantity;
                }
                default -> throw StripeApiException.noSuch("action", parts[4], null);
            };
            subscriptions.update(subscription, FormParams.parse(update), Origin.AUTOMATIC);
            return;
        }
        ObjectNode customerNode = ctx.store.get("customer", customer, "customer", "customer");
        if ("payment-methods".equals(parts[2]) && !features.get("payment_method_update").get("enabled").asBoolean()) {
            throw StripeApiException.invalid(null, "This portal does not allow changing payment methods.");
        }
        if (parts.length == 3 && "payment-methods".equals(parts[2])) {
            TestCard card = TestCard.of(form.string("card_number"));
            if (card.declines()) {
                throw StripeApiException.cardDeclined();
            }
            ObjectNode pm = engine.newPaymentMethod(card, Json.text(customerNode, "email"),
                    Json.text(customerNode, "name"));
            engine.attach(pm, customerNode, Origin.AUTOMATIC);
            setDefault(customerNode, pm.get("id").asText());
            return;
        }
        if (parts.length == 5 && "payment-methods".equals(parts[2]) && "default".equals(parts[4])) {
            ObjectNode pm = ctx.store.get("payment_method", parts[3], "PaymentMethod", "payment_method");
            if (!customer.equals(Json.text(pm, "customer"))) {
                throw StripeApiException.noSuch("PaymentMethod", parts[3], "payment_method");
            }
            setDefault(customerNode, pm.get("id").asText());
            return;
        }
        throw StripeApiException.noSuch("page", String.join("/", parts), null);
    }

    private void setDefault(ObjectNode customer, String paymentMethodId) {
        ObjectNode before = customer.deepCopy();
        ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", paymentMethodId);
        ctx.publishUpdate("customer.updated", before, customer, Origin.AUTOMATIC);
        for (ObjectNode subscription : ctx.store.all("subscription", s -> customer.get("id").equals(s.get("customer"))
                && !"canceled".equals(s.get("status").asText()) && !s.path("default_payment_method").isNull())) {
            subscriptions.update(subscription, FormParams.parse("default_payment_method=" + enc(paymentMethodId)),
                    Origin.AUTOMATIC);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private ObjectNode portalSession(String id) {
        return ctx.store.get("billing_portal.session", id, "billing_portal.session", "session");
    }

    private ObjectNode configuration(ObjectNode session) {
        return ctx.store.get("billing_portal.configuration", session.get("configuration").asText(), "configuration",
                "configuration");
    }

    /**
     * The portal as its configuration allows: only the enabled features, only the prices it lists for switching; a
     * session with a {@code flow} opens straight on that one step.
     */
    private String portalPage(ObjectNode session, String error) {
        String sessionId = session.get("id").asText();
        String base = "/billing-portal/" + Html.escape(sessionId);
        ObjectNode customer = ctx.store.get("customer", session.get("customer").asText(), "customer", "customer");
        ObjectNode configuration = configuration(session);
        JsonNode features = configuration.get("features");
        JsonNode flow = session.path("flow");
        String flowType = flow.path("type").asText(null);
        StringBuilder body = new StringBuilder("<h1>Billing</h1>");
        body.append("<p>").append(Html.escape(customer.path("name").asText(""))).append(" ")
                .append(Html.escape(customer.path("email").asText(""))).append("</p>");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
        }
        if (flowType != null) {
            body.append("<div id=\"flow\" data-flow=\"").append(Html.escape(flowType)).append("\">");
            switch (flowType) {
                case "payment_method_update" -> paymentMethods(body, base, customer, features);
                case "subscription_cancel" -> subscription(body, base, configuration,
                        ctx.store.get("subscription", flow.get("subscription_cancel").get("subscription").asText(),
                                "subscription", "subscription"), "cancel");
                case "subscription_update" -> subscription(body, base, configuration,
                        ctx.store.get("subscription", flow.get("subscription_update").get("subscription").asText(),
                                "subscription", "subscription"), "update");
                default -> confirmUpdate(body, base, flow.get("subscription_update_confirm"));
            }
            body.append("</div>");
        } else {
            body.append("<h2>Subscriptions</h2>");
            List<ObjectNode> subs = ctx.store.all("subscription", s -> customer.get("id").equals(s.get("customer"))
                    && !"canceled".equals(s.get("status").asText())
                    && !"incomplete_expired".equals(s.get("status").asText()));
            if (subs.isEmpty()) {
                body.append("<p>No active subscriptions.</p>");
            }
            for (ObjectNode sub : subs) {
                subscription(body, base, configuration, sub, "all");
            }
            if (features.get("payment_method_update").get("enabled").asBoolean()) {
                paymentMethods(body, base, customer, features);
            }
            if (features.get("invoice_history").get("enabled").asBoolean()) {
                invoiceHistory(body, customer);
            }
        }
        String returnUrl = Json.text(session, "return_url");
        if (returnUrl != null) {
            body.append("<p><a id=\"return\" href=\"").append(Html.escape(returnUrl)).append("\">Return</a></p>");
        }
        return Html.page("Billing portal", body.toString());
    }

    /** One subscription; {@code part} is {@code all}, {@code cancel} or {@code update} (a flow's one step). */
    private void subscription(StringBuilder body, String base, ObjectNode configuration, ObjectNode sub, String part) {
        JsonNode features = configuration.get("features");
        String subBase = base + "/subscriptions/" + Html.escape(sub.get("id").asText());
        JsonNode item = sub.get("items").get("data").get(0);
        JsonNode price = item.get("price");
        body.append("<div class=\"subscription\" id=\"").append(Html.escape(sub.get("id").asText()))
                .append("\"><h3>").append(Html.escape(productName(price.get("product").asText()))).append("</h3><p>")
                .append(Html.escape(Money.format(price.get("unit_amount").asLong(), price.get("currency").asText())))
                .append(" / ").append(Html.escape(price.path("recurring").path("interval").asText()))
                .append(" &times; ").append(item.get("quantity").asLong()).append(" &middot; status ")
                .append(Html.escape(sub.get("status").asText())).append("</p>");
        String periodEnd = DATE.format(Instant.ofEpochSecond(item.get("current_period_end").asLong()));
        JsonNode cancel = features.get("subscription_cancel");
        boolean cancelling = sub.get("cancel_at_period_end").asBoolean() || sub.get("cancel_at").isNumber();
        if (!"update".equals(part)) {
            if (cancelling) {
                body.append("<p>Cancels on ").append(periodEnd).append(".</p>");
                if ("all".equals(part)) {
                    body.append("<form class=\"inline\" method=\"post\" action=\"").append(subBase)
                            .append("/resume\"><button>Renew subscription</button></form>");
                }
            } else {
                body.append("<p>Renews on ").append(periodEnd).append(".</p>");
                if (cancel.get("enabled").asBoolean()) {
                    boolean now = "immediately".equals(cancel.get("mode").asText());
                    body.append("<form class=\"inline\" method=\"post\" action=\"").append(subBase)
                            .append("/cancel\"><button data-mode=\"").append(now ? "immediately" : "at_period_end")
                            .append("\">").append(now ? "Cancel subscription now" : "Cancel subscription")
                            .append("</button></form>");
                }
            }
        }
        JsonNode update = features.get("subscription_update");
        if (!"cancel".equals(part) && update.get("enabled").asBoolean()) {
            if (PortalFeatures.contains(update.get("default_allowed_updates"), "price")) {
                body.append("<form class=\"inline\" method=\"post\" action=\"").append(subBase)
                        .append("/price\"><select name=\"price\">");
                for (ObjectNode option : ctx.store.all("price", p -> p.get("active").asBoolean()
                        && "recurring".equals(p.get("type").asText())
                        && p.get("currency").equals(price.get("currency"))
                        && p.get("recurring").get("interval").equals(price.get("recurring").get("interval"))
                        && (p.get("id").equals(price.get("id"))
                                || PortalFeatures.offersPrice(configuration, p.get("id").asText())))) {
                    boolean current = option.get("id").equals(price.get("id"));
                    body.append("<option value=\"").append(Html.escape(option.get("id").asText())).append("\"")
                            .append(current ? " selected" : "").append(">")
                            .append(Html.escape(productName(option.get("product").asText()))).append(" - ")
                            .append(Html.escape(Money.format(option.get("unit_amount").asLong(),
                                    option.get("currency").asText()))).append("</option>");
                }
                body.append("</select><button>Switch plan</button></form>");
            }
            if (PortalFeatures.contains(update.get("default_allowed_updates"), "quantity")
                    && !StripeObjects.metered(item.get("price"))) {
                body.append("<form class=\"inline\" method=\"post\" action=\"").append(subBase)
                        .append("/quantity\"><input type=\"number\" min=\"1\" name=\"quantity\" value=\"")
                        .append(item.get("quantity").asLong()).append("\"><button>Update quantity</button></form>");
            }
        }
        body.append("</div>");
    }

    private void confirmUpdate(StringBuilder body, String base, JsonNode confirm) {
        ObjectNode sub = ctx.store.get("subscription", confirm.get("subscription").asText(), "subscription",
                "subscription");
        JsonNode change = confirm.get("items").get(0);
        String subBase = base + "/subscriptions/" + Html.escape(sub.get("id").asText());
        body.append("<h2>Confirm your new plan</h2>");
        if (!change.path("price").isNull()) {
            ObjectNode target = ctx.store.get("price", change.get("price").asText(), "price", "price");
            body.append("<form method=\"post\" action=\"").append(subBase).append("/price\">")
                    .append("<input type=\"hidden\" name=\"price\" value=\"")
                    .append(Html.escape(target.get("id").asText())).append("\"><p>")
                    .append(Html.escape(productName(target.get("product").asText()))).append(" - ")
                    .append(Html.escape(Money.format(target.get("unit_amount").asLong(),
                            target.get("currency").asText())))
                    .append("</p><button>Confirm</button></form>");
        } else if (change.path("quantity").isNumber()) {
            body.append("<form method=\"post\" action=\"").append(subBase).append("/quantity\">")
                    .append("<input type=\"hidden\" name=\"quantity\" value=\"")
                    .append(change.get("quantity").asLong()).append("\"><button>Confirm</button></form>");
        }
    }

    private String productName(String productId) {
        return ctx.store.find(productId).map(p -> p.path("name").asText()).orElse("");
    }

    private void paymentMethods(StringBuilder body, String base, ObjectNode customer, JsonNode features) {
        if (!features.get("payment_method_update").get("enabled").asBoolean()) {
            return;
        }
        body.append("<h2>Payment methods</h2><table>");
        String defaultPm = customer.path("invoice_settings").path("default_payment_method").asText("");
        for (ObjectNode pm : ctx.store.all("payment_method", p -> customer.get("id").equals(p.get("customer")))) {
            JsonNode card = pm.get("card");
            body.append("<tr><td>").append(Html.escape(card.get("brand").asText())).append(" &bull;&bull;&bull;&bull; ")
                    .append(Html.escape(card.get("last4").asText())).append("</td><td>");
            if (defaultPm.equals(pm.get("id").asText())) {
                body.append("Default");
            } else {
                body.append("<form class=\"inline\" method=\"post\" action=\"").append(base).append("/payment-methods/")
                        .append(Html.escape(pm.get("id").asText())).append("/default\"><button>Make default</button>"
                                + "</form>");
            }
            body.append("</td></tr>");
        }
        body.append("</table><form method=\"post\" action=\"").append(base).append("/payment-methods\">")
                .append("<label>Add card <input name=\"card_number\" placeholder=\"4242 4242 4242 4242\" required>"
                        + "</label><button>Add</button></form>");
    }

    private void invoiceHistory(StringBuilder body, ObjectNode customer) {
        body.append("<h2>Invoice history</h2><table>");
        for (ObjectNode invoice : ctx.store.all("invoice", i -> customer.get("id").equals(i.get("customer")))) {
            body.append("<tr><td>").append(DATE.format(Instant.ofEpochSecond(invoice.get("created").asLong())))
                    .append("</td><td><a href=\"/invoices/").append(Html.escape(invoice.get("id").asText()))
                    .append("\">").append(Html.escape(invoice.path("number").asText(""))).append("</a></td><td>")
                    .append(Html.escape(Money.format(invoice.get("total").asLong(), invoice.get("currency").asText())))
                    .append("</td><td>").append(Html.escape(invoice.get("status").asText())).append("</td></tr>");
        }
        body.append("</table>");
    }

    // ---- invoices

    private void invoice(HttpExchange exchange, String id) throws IOException {
        String html = ctx.store.atomically(() -> {
            ObjectNode invoice = ctx.store.get("invoice", id, "invoice", "id");
            StringBuilder body = new StringBuilder("<h1>Invoice ").append(Html.escape(invoice.path("number").asText("")))
                    .append("</h1><p>Status: ").append(Html.escape(invoice.get("status").asText())).append("</p><table>");
            for (JsonNode line : invoice.get("lines").get("data")) {
                body.append("<tr><td>").append(Html.escape(line.get("description").asText())).append("</td><td>")
                        .append(Html.escape(Money.format(line.get("amount").asLong(), line.get("currency").asText())))
                        .append("</td></tr>");
            }
            body.append("</table><p><strong>Total: ").append(Html.escape(Money.format(invoice.get("total").asLong(),
                    invoice.get("currency").asText()))).append("</strong></p>");
            return Html.page("Invoice", body.toString());
        });
        HttpIo.html(exchange, 200, html);
    }
}
