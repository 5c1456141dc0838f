package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The money flows behind the API: paying a Checkout Session, invoicing and charging subscriptions,
 * renewals and trial ends when the clock moves, cancellations; each emitting Stripe's events in order.
 *
 * <p>Every method must run inside {@link ObjectStore#atomically}.
 */
final class BillingEngine {

    /** An event to publish once a flow has built all its objects. */
    record Pending(String type, ObjectNode snapshot, ObjectNode previous) {
    }

    /** The result of paying a Checkout Session, with the id of its {@code checkout.session.completed} event. */
    record CheckoutResult(ObjectNode session, String redirectUrl, String completedEventId) {
    }

    /** Stripe sends {@code customer.subscription.trial_will_end} three days before a trial ends. */
    static final long TRIAL_WILL_END_NOTICE = 3 * 86_400;

    private final EmulatorContext ctx;
    private ScheduleResource schedules;

    BillingEngine(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** The subscription schedules whose phases a renewal follows. */
    void schedules(ScheduleResource schedules) {
        this.schedules = schedules;
    }

    private ObjectStore store() {
        return ctx.store;
    }

    // ---- customers and payment methods

    ObjectNode newCustomer(String email, String name) {
        ObjectNode customer = StripeObjects.customer(Ids.next("cus"), ctx.now());
        customer.put("email", email);
        customer.put("name", name);
        return store().put(customer);
    }

    ObjectNode newPaymentMethod(TestCard card, String email, String name) {
        return store().put(StripeObjects.paymentMethod(Ids.next("pm"), ctx.now(), card, email, name));
    }

    /** Attaches a payment method and publishes {@code payment_method.attached}. */
    void attach(ObjectNode paymentMethod, ObjectNode customer, Origin origin) {
        paymentMethod.put("customer", customer.get("id").asText());
        ctx.events.publish("payment_method.attached", paymentMethod, origin);
    }

    /** Detaches a payment method, clearing it as the customer's default, with Stripe's events. */
    void detach(ObjectNode paymentMethod, Origin origin) {
        String customerId = Json.text(paymentMethod, "customer");
        String id = paymentMethod.get("id").asText();
        if (customerId != null) {
            store().find(customerId).ifPresent(customer -> {
                if (id.equals(customer.path("invoice_settings").path("default_payment_method").asText(null))) {
                    ObjectNode before = customer.deepCopy();
                    ((ObjectNode) customer.get("invoice_settings")).putNull("default_payment_method");
                    ctx.publishUpdate("customer.updated", before, customer, origin);
                }
            });
        }
        ObjectNode previous = Json.object();
        previous.put("customer", customerId);
        paymentMethod.putNull("customer");
        ctx.events.publish("payment_method.detached", paymentMethod, previous, origin);
    }

    private Pending defaultPaymentMethodIfNone(ObjectNode customer, String paymentMethodId) {
        ObjectNode settings = (ObjectNode) customer.get("invoice_settings");
        if (!settings.path("default_payment_method").isNull()) {
            return null;
        }
        ObjectNode before = customer.deepCopy();
        settings.put("default_payment_method", paymentMethodId);
        return new Pending("customer.updated", ctx.stripInternal(customer),
                EmulatorContext.previousAttributes(before, customer));
    }

    // ---- checkout

    /**
     * Pays an open Checkout Session with a test card; a declined card changes nothing. A null card completes a
     * session that collects a payment method only if required ({@code payment_method_collection=if_required})
     * and has nothing to pay now (a trial, or a 100% discount).
     */
    CheckoutResult completeCheckout(ObjectNode session, TestCard card, String email, String name, Origin origin) {
        if (!"open".equals(session.path("status").asText())) {
            throw StripeApiException.invalid("checkout_session_not_open", null,
                    "This Checkout Session is no longer active (status: " + session.path("status").asText() + ").");
        }
        if (card == null && !(canSkipPaymentMethod(session))) {
            throw StripeApiException.invalid("payment_method_required", null,
                    "This Checkout Session requires a payment method.");
        }
        if (card != null && card.declines()) {
            throw StripeApiException.cardDeclined();
        }
        String mode = session.get("mode").asText();
        List<Pending> first = new ArrayList<>();
        List<Pending> rest = new ArrayList<>();
        ObjectNode customer = null;
        String customerId = Json.text(session, "customer");
        String payerEmail = email != null && !email.isBlank() ? email : Json.text(session, "customer_email");
        if (customerId != null) {
            customer = store().get("customer", customerId, "customer", null);
            if (payerEmail == null) {
                payerEmail = Json.text(customer, "email");
            }
        } else if ("subscription".equals(mode) || "always".equals(Json.text(session, "customer_creation"))) {
            customer = newCustomer(payerEmail, name);
            first.add(new Pending("customer.created", customer.deepCopy(), null));
        }
        ObjectNode paymentMethod = card == null ? null : newPaymentMethod(card, payerEmail, name);
        long now = ctx.now();
        switch (mode) {
            case "subscription" -> paySubscriptionCheckout(session, customer, paymentMethod, rest);
            case "payment" -> payPaymentCheckout(session, customer, paymentMethod, rest);
            default -> {
                if (customer != null) {
                    paymentMethod.put("customer", customer.get("id").asText());
                    rest.add(new Pending("payment_method.attached", paymentMethod.deepCopy(), null));
                }
                ObjectNode setupIntent = store().put(StripeObjects.setupIntent(Ids.next("seti"), now,
                        customer == null ? null : customer.get("id").asText(), paymentMethod.get("id").asText()));
                session.put("setup_intent", setupIntent.get("id").asText());
                rest.add(new Pending("setup_intent.succeeded", setupIntent.deepCopy(), null));
            }
        }
        redeemDiscount(session);
        session.put("status", "complete");
        session.put("payment_status", "setup".equals(mode) ? "no_payment_required"
                : paymentMethod == null ? "no_payment_required" : "paid");
        session.putNull("url");
        if (customer != null) {
            session.put("customer", customer.get("id").asText());
        }
        session.set("customer_details", customerDetails(payerEmail, name));
        first.add(new Pending("checkout.session.completed", ctx.stripInternal(session), null));
        first.addAll(rest);
        String completedEventId = null;
        for (Pending pending : first) {
            ObjectNode event = ctx.events.publish(pending.type(), pending.snapshot(), pending.previous(), origin);
            if ("checkout.session.completed".equals(pending.type())) {
                completedEventId = event.get("id").asText();
            }
        }
        if (customer != null && "subscription".equals(mode)) {
            ctx.subscriptionsChanged(customer.get("id").asText(), origin);
        }
        String successUrl = Json.text(session, "success_url");
        String redirect = successUrl == null ? null
                : successUrl.replace("{CHECKOUT_SESSION_ID}", session.get("id").asText());
        return new CheckoutResult(session, redirect, completedEventId);
    }

    /** Whether the session may complete without a card: it collects one only if required, and none is. */
    static boolean canSkipPaymentMethod(ObjectNode session) {
        if (!"if_required".equals(session.path("payment_method_collection").asText())) {
            return false;
        }
        boolean trial = session.path("_subscription_data").path("trial_period_days").isNumber();
        return "subscription".equals(session.get("mode").asText()) && trial
                || session.path("amount_total").asLong() == 0;
    }

    /** Counts the redemption of the session's coupon and promotion code, and gives its subscription the discount. */
    private void redeemDiscount(ObjectNode session) {
        JsonNode applied = session.path("discounts");
        if (!applied.isArray() || applied.isEmpty()) {
            return;
        }
        String couponId = applied.get(0).get("coupon").asText();
        String promotionCode = Json.text(applied.get(0), "promotion_code");
        store().find(couponId).ifPresent(c -> c.put("times_redeemed", c.get("times_redeemed").asLong() + 1));
        if (promotionCode != null) {
            store().find(promotionCode).ifPresent(p -> p.put("times_redeemed", p.get("times_redeemed").asLong() + 1));
        }
        String subscriptionId = Json.text(session, "subscription");
        if (subscriptionId == null) {
            return;
        }
        ObjectNode subscription = store().get("subscription", subscriptionId, "subscription", null);
        ObjectNode discount = store().find(subscription.path("discounts").path(0).asText(null)).orElse(null);
        if (discount != null) {
            discount.put("checkout_session", session.get("id").asText());
        }
    }

    /** A discount object for a subscription, from a coupon; its end follows the coupon's duration. */
    private ObjectNode newDiscount(ObjectNode coupon, String promotionCode, ObjectNode subscription) {
        long now = ctx.now();
        ObjectNode discount = Json.object();
        discount.put("id", Ids.next("di"));
        discount.put("object", "discount");
        discount.putNull("checkout_session");
        discount.put("customer", subscription.get("customer").asText());
        discount.putNull("customer_account");
        if ("repeating".equals(coupon.get("duration").asText())) {
            discount.put("end", addInterval(now, "month", coupon.get("duration_in_months").asLong()));
        } else {
            discount.putNull("end");
        }
        discount.putNull("invoice");
        discount.putNull("invoice_item");
        discount.put("promotion_code", promotionCode);
        ObjectNode source = Json.object();
        source.put("coupon", coupon.get("id").asText());
        source.put("type", "coupon");
        discount.set("source", source);
        discount.put("start", now);
        discount.put("subscription", subscription.get("id").asText());
        discount.putNull("subscription_item");
        return store().put(discount);
    }

    private static ObjectNode customerDetails(String email, String name) {
        ObjectNode details = Json.object();
        details.set("address", Json.address());
        details.putNull("business_name");
        details.put("email", email);
        details.putNull("individual_name");
        details.put("name", name);
        details.putNull("phone");
        details.put("tax_exempt", "none");
        details.set("tax_ids", Json.array());
        return details;
    }

    private void paySubscriptionCheckout(ObjectNode session, ObjectNode customer, ObjectNode paymentMethod,
            List<Pending> out) {
        List<ObjectNode> subscriptionEvents = new ArrayList<>();
        JsonNode subscriptionData = session.path("_subscription_data");
        Long trialDays = subscriptionData.path("trial_period_days").isNumber()
                ? subscriptionData.get("trial_period_days").asLong() : null;
        List<ObjectNode> prices = new ArrayList<>();
        List<Long> quantities = new ArrayList<>();
        for (JsonNode item : session.get("_line_items")) {
            prices.add(store().get("price", item.get("price").get("id").asText(), "price", null));
            quantities.add(item.get("quantity").asLong());
        }
        JsonNode metadata = subscriptionData.path("metadata");
        ObjectNode subscription = newSubscription(customer, prices, quantities, trialDays,
                metadata.isObject() ? (ObjectNode) metadata : null,
                paymentMethod == null ? null : paymentMethod.get("id").asText());
        JsonNode description = subscriptionData.path("description");
        subscription.put("description", description.isTextual() ? description.asText() : null);
        if (subscriptionData.path("missing_payment_method").isTextual()) {
            ((ObjectNode) subscription.get("trial_settings").get("end_behavior")).set("missing_payment_method",
                    subscriptionData.get("missing_payment_method"));
        }
        JsonNode applied = session.path("discounts");
        if (applied.isArray() && !applied.isEmpty()) {
            ObjectNode coupon = store().get("coupon", applied.get(0).get("coupon").asText(), "coupon", null);
            ObjectNode discount = newDiscount(coupon, Json.text(applied.get(0), "promotion_code"), subscription);
            ((ArrayNode) subscription.get("discounts")).add(discount.get("id").asText());
        }
        subscriptionEvents.add(ctx.stripInternal(subscription));
        out.add(new Pending("customer.subscription.created", subscriptionEvents.get(0), null));
        if (paymentMethod != null) {
            paymentMethod.put("customer", customer.get("id").asText());
            out.add(new Pending("payment_method.attached", paymentMethod.deepCopy(), null));
            Pending customerUpdated = defaultPaymentMethodIfNone(customer, paymentMethod.get("id").asText());
            if (customerUpdated != null) {
                out.add(customerUpdated);
            }
        }
        ObjectNode before = subscription.deepCopy();
        ObjectNode invoice = invoiceAndPay(subscription, "subscription_create", out);
        session.put("subscription", subscription.get("id").asText());
        session.put("invoice", invoice.get("id").asText());
        if ("incomplete".equals(subscription.get("status").asText())) {
            subscription.put("status", "active");
        }
        ObjectNode previous = EmulatorContext.previousAttributes(before, subscription);
        if (!previous.isEmpty()) {
            out.add(new Pending("customer.subscription.updated", ctx.stripInternal(subscription), previous));
        }
    }

    private void payPaymentCheckout(ObjectNode session, ObjectNode customer, ObjectNode paymentMethod,
            List<Pending> out) {
        if (paymentMethod == null) {
            return;
        }
        long amount = session.path("amount_total").asLong();
        ObjectNode intent = StripeObjects.paymentIntent(Ids.next("pi"), ctx.now(), amount,
                session.get("currency").asText());
        if (customer != null) {
            intent.put("customer", customer.get("id").asText());
        }
        JsonNode intentData = session.path("_payment_intent_data");
        if (intentData.isObject()) {
            intent.set("description", intentData.path("description").isMissingNode() ? null
                    : intentData.get("description"));
            if (intentData.path("metadata").isObject()) {
                intent.set("metadata", intentData.get("metadata").deepCopy());
            }
            if (intentData.path("setup_future_usage").isTextual()) {
                intent.set("setup_future_usage", intentData.get("setup_future_usage"));
            }
        }
        if (customer != null && !intent.path("setup_future_usage").isNull()) {
            paymentMethod.put("customer", customer.get("id").asText());
            out.add(new Pending("payment_method.attached", paymentMethod.deepCopy(), null));
        }
        ObjectNode charge = charge(intent, paymentMethod);
        store().put(intent);
        session.put("payment_intent", intent.get("id").asText());
        out.add(new Pending("payment_intent.succeeded", intent.deepCopy(), null));
        out.add(new Pending("charge.succeeded", charge.deepCopy(), null));
    }

    private ObjectNode charge(ObjectNode intent, ObjectNode paymentMethod) {
        ObjectNode charge = store().put(StripeObjects.charge(Ids.next("ch"), ctx.now(), intent, paymentMethod));
        intent.put("status", "succeeded");
        intent.put("amount_received", intent.get("amount").asLong());
        intent.put("payment_method", paymentMethod.get("id").asText());
        intent.put("latest_charge", charge.get("id").asText());
        return charge;
    }

    // ---- subscriptions

    private ObjectNode newSubscription(ObjectNode customer, List<ObjectNode> prices, List<Long> quantities,
            Long trialDays, ObjectNode metadata, String paymentMethodId) {
        long now = ctx.now();
        String id = Ids.next("sub");
        ObjectNode subscription = StripeObjects.subscription(id, now, customer.get("id").asText(),
                prices.get(0).get("currency").asText());
        long periodEnd;
        if (trialDays != null && trialDays > 0) {
            periodEnd = now + trialDays * 86_400;
            subscription.put("status", "trialing");
            subscription.put("trial_start", now);
            subscription.put("trial_end", periodEnd);
        } else {
            ObjectNode recurring = (ObjectNode) prices.get(0).get("recurring");
            periodEnd = addInterval(now, recurring.get("interval").asText(), recurring.get("interval_count").asLong());
        }
        ArrayNode items = (ArrayNode) subscription.get("items").get("data");
        for (int i = 0; i < prices.size(); i++) {
            items.add(StripeObjects.subscriptionItem(Ids.next("si"), now, id, prices.get(i), quantities.get(i), now,
                    periodEnd));
        }
        if (metadata != null && metadata.isObject()) {
            subscription.set("metadata", metadata.deepCopy());
        }
        subscription.put("default_payment_method", paymentMethodId);
        return store().put(subscription);
    }

    static long addInterval(long start, String interval, long count) {
        ZonedDateTime at = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        ZonedDateTime next = switch (interval) {
            case "day" -> at.plusDays(count);
            case "week" -> at.plusWeeks(count);
            case "year" -> at.plusYears(count);
            default -> at.plusMonths(count);
        };
        return next.toEpochSecond();
    }

    /**
     * Creates, finalizes and (when there is a payment method) pays the invoice for the current period, with the
     * subscription's pending invoice items (prorations) on a renewal.
     */
    private ObjectNode invoiceAndPay(ObjectNode subscription, String billingReason, List<Pending> out) {
        return invoiceAndPay(subscription, billingReason, Map.of(), false, out);
    }

    /**
     * As {@link #invoiceAndPay(ObjectNode, String, List)}, charging each metered item the usage of the period that
     * just ended: from its start in {@code endedPeriodStarts} (by item id) to the item's current period start, free
     * when that period was a trial. A metered item with no ended period gets a line of zero usage.
     */
    private ObjectNode invoiceAndPay(ObjectNode subscription, String billingReason, Map<String, Long> endedPeriodStarts,
            boolean endedPeriodWasTrial, List<Pending> out) {
        long now = ctx.now();
        boolean creating = "subscription_create".equals(billingReason);
        JsonNode firstItem = subscription.get("items").get("data").get(0);
        long period = creating ? now : firstItem.get("current_period_start").asLong();
        boolean trialing = "trialing".equals(subscription.get("status").asText());
        return issue(subscription, billingReason, period, period, invoiceId -> {
            List<ObjectNode> lines = new ArrayList<>();
            for (JsonNode item : subscription.get("items").get("data")) {
                ObjectNode price = (ObjectNode) item.get("price");
                if (StripeObjects.metered(price)) {
                    lines.add(usageLine(subscription, (ObjectNode) item, invoiceId,
                            endedPeriodStarts.get(item.get("id").asText()), endedPeriodWasTrial));
                    continue;
                }
                ObjectNode line = StripeObjects.invoiceLine(Ids.next("il"), invoiceId, (ObjectNode) item,
                        describe(item, price, trialing), item.get("current_period_start").asLong(),
                        item.get("current_period_end").asLong());
                if (trialing) {
                    line.put("amount", 0);
                    line.put("subtotal", 0);
                }
                lines.add(line);
            }
            if (!creating) {
                lines.addAll(PlanChanges.pendingLines(ctx, subscription, invoiceId));
            }
            return lines;
        }, out);
    }

    /**
     * The line of a metered item: its meter's aggregated usage for the customer over the period that ended (from
     * {@code endedPeriodStart} to the item's current period start) times the price's unit amount, rounded to the
     * minor unit; negative usage bills as zero, as Stripe does. Without an ended period (a new subscription) the
     * line covers the current period with zero usage.
     */
    private ObjectNode usageLine(ObjectNode subscription, ObjectNode item, String invoiceId, Long endedPeriodStart,
            boolean free) {
        ObjectNode price = (ObjectNode) item.get("price");
        long start;
        long end;
        BigDecimal usage = BigDecimal.ZERO;
        if (endedPeriodStart == null) {
            start = item.get("current_period_start").asLong();
            end = item.get("current_period_end").asLong();
        } else {
            start = endedPeriodStart;
            end = item.get("current_period_start").asLong();
            String meterId = price.get("recurring").get("meter").asText();
            String formula = store().find(meterId).map(m -> m.get("default_aggregation").get("formula").asText())
                    .orElse("sum");
            usage = ctx.meters.aggregate(meterId, subscription.get("customer").asText(), formula, start, end)
                    .max(BigDecimal.ZERO);
        }
        ObjectNode line = StripeObjects.invoiceLine(Ids.next("il"), invoiceId, item, "", start, end);
        long amount = free ? 0 : new BigDecimal(price.get("unit_amount_decimal").asText()).multiply(usage)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        long quantity = usage.setScale(0, RoundingMode.HALF_UP).longValueExact();
        line.put("amount", amount);
        line.put("subtotal", amount);
        line.put("quantity", quantity);
        line.put("quantity_decimal", MeterResource.plain(usage).toPlainString());
        String product = store().find(price.get("product").asText()).map(p -> p.path("name").asText())
                .orElse(price.get("product").asText());
        line.put("description", free ? "Trial period for " + product : MeterResource.plain(usage).toPlainString()
                + " × " + product + " (at " + Money.format(price.get("unit_amount").asLong(),
                price.get("currency").asText()) + " / unit)");
        return line;
    }

    /**
     * Issues an invoice for a subscription with the given lines: created, finalized, then paid from the
     * subscription's (else the customer's) default payment method, the customer's credit balance applied first and a
     * negative total credited to it; with no payment method that can pay, it stays open.
     */
    ObjectNode issue(ObjectNode subscription, String billingReason, long periodStart, long periodEnd,
            Function<String, List<ObjectNode>> linesFor, List<Pending> out) {
        ObjectNode customer = store().get("customer", subscription.get("customer").asText(), "customer", null);
        long now = ctx.now();
        String id = Ids.next("in");
        ObjectNode invoice = StripeObjects.invoice(id, now, customer, subscription.get("currency").asText());
        ArrayNode lines = (ArrayNode) invoice.get("lines").get("data");
        long total = 0;
        for (ObjectNode line : linesFor.apply(id)) {
            total += line.get("amount").asLong();
            lines.add(line);
        }
        long subtotal = total;
        total -= applyDiscounts(subscription, invoice, lines);
        total -= CreditGrantResource.apply(ctx, invoice, lines);
        invoice.put("billing_reason", billingReason);
        invoice.put("subscription", subscription.get("id").asText());
        ObjectNode parent = Json.object();
        parent.putNull("quote_details");
        ObjectNode details = Json.object();
        details.set("metadata", subscription.get("metadata").deepCopy());
        details.put("subscription", subscription.get("id").asText());
        parent.set("subscription_details", details);
        parent.put("type", "subscription_details");
        invoice.set("parent", parent);
        for (String field : List.of("subtotal", "subtotal_excluding_tax")) {
            invoice.put(field, subtotal);
        }
        for (String field : List.of("total", "total_excluding_tax")) {
            invoice.put(field, total);
        }
        long balance = customer.path("balance").asLong();
        long due = total;
        long endingBalance = balance;
        if (total < 0) {
            due = 0;
            endingBalance = balance + total;
        } else if (balance < 0) {
            long applied = Math.min(-balance, total);
            due = total - applied;
            endingBalance = balance + applied;
        }
        invoice.put("starting_balance", balance);
        invoice.put("amount_due", due);
        invoice.put("amount_remaining", due);
        invoice.put("period_start", periodStart);
        invoice.put("period_end", periodEnd);
        store().put(invoice);
        out.add(new Pending("invoice.created", invoice.deepCopy(), null));
        String pausedBehavior = subscription.path("pause_collection").path("behavior").asText(null);
        if ("keep_as_draft".equals(pausedBehavior)) {
            subscription.put("latest_invoice", id);
            return invoice;
        }
        long sequence = customer.get("next_invoice_sequence").asLong();
        customer.put("next_invoice_sequence", sequence + 1);
        invoice.put("number", customer.get("invoice_prefix").asText() + "-" + String.format(Locale.ROOT, "%04d",
                sequence));
        invoice.put("status", "open");
        invoice.put("effective_at", now);
        invoice.put("ending_balance", endingBalance);
        ((ObjectNode) invoice.get("status_transitions")).put("finalized_at", now);
        invoice.put("hosted_invoice_url", ctx.baseUrl() + "/invoices/" + id);
        out.add(new Pending("invoice.finalized", invoice.deepCopy(), null));
        if (endingBalance != balance) {
            ObjectNode before = customer.deepCopy();
            customer.put("balance", endingBalance);
            out.add(new Pending("customer.updated", ctx.stripInternal(customer),
                    EmulatorContext.previousAttributes(before, customer)));
        }
        subscription.put("latest_invoice", id);
        if (pausedBehavior != null) {
            closeUnpaid(invoice, pausedBehavior, now, out);
            return invoice;
        }
        if (due > 0 && !canPay(subscription, customer)) {
            invoice.put("attempt_count", 1);
            invoice.put("attempted", true);
            invoice.put("next_payment_attempt", now + 86_400);
            out.add(new Pending("invoice.payment_failed", invoice.deepCopy(), null));
            subscription.put("status", "subscription_create".equals(billingReason) ? "incomplete" : "past_due");
            return invoice;
        }
        if (due > 0 && !"subscription_create".equals(billingReason) && needsAuthentication(subscription, customer)) {
            // An off-session charge on a card that always asks for 3-D Secure waits for the customer, who pays on the
            // hosted invoice page; Stripe does not retry it by itself.
            invoice.put("attempt_count", 1);
            invoice.put("attempted", true);
            invoice.putNull("next_payment_attempt");
            out.add(new Pending("invoice.payment_action_required", invoice.deepCopy(), null));
            subscription.put("status", "past_due");
            return invoice;
        }
        if (due > 0) {
            ObjectNode intent = StripeObjects.paymentIntent(Ids.next("pi"), now, due,
                    subscription.get("currency").asText());
            intent.put("customer", customer.get("id").asText());
            intent.put("description", "subscription_create".equals(billingReason) ? "Subscription creation"
                    : "Subscription update");
            ObjectNode charge = charge(intent, paymentMethod(subscription, customer));
            store().put(intent);
            out.add(new Pending("payment_intent.succeeded", intent.deepCopy(), null));
            out.add(new Pending("charge.succeeded", charge.deepCopy(), null));
            invoice.put("attempt_count", 1);
            invoice.put("attempted", true);
            store().put(StripeObjects.invoicePayment(Ids.next("inpay"), now, invoice, intent));
        }
        invoice.put("status", "paid");
        invoice.put("amount_paid", due);
        invoice.put("amount_remaining", 0);
        ((ObjectNode) invoice.get("status_transitions")).put("paid_at", now);
        out.add(new Pending("invoice.paid", invoice.deepCopy(), null));
        out.add(new Pending("invoice.payment_succeeded", invoice.deepCopy(), null));
        if ("past_due".equals(subscription.get("status").asText())) {
            subscription.put("status", "active");
        }
        return invoice;
    }

    /**
     * Applies the subscription's discounts still in force to the invoice's lines ({@code discount_amounts}, the
     * invoice's {@code discounts} and {@code total_discount_amounts}); a {@code once} discount is used up by the
     * first invoice with something to pay and then leaves the subscription.
     *
     * @return the amount taken off
     */
    private long applyDiscounts(ObjectNode subscription, ObjectNode invoice, ArrayNode lines) {
        ArrayNode kept = Json.array();
        long taken = 0;
        long now = ctx.now();
        for (JsonNode id : subscription.get("discounts")) {
            ObjectNode discount = store().find(id.asText()).orElse(null);
            if (discount == null || discount.path("end").isNumber() && discount.get("end").asLong() <= now) {
                continue;
            }
            ObjectNode coupon = store().find(discount.get("source").get("coupon").asText()).orElse(null);
            if (coupon == null) {
                continue;
            }
            List<String> products = new ArrayList<>();
            List<Long> amounts = new ArrayList<>();
            long gross = 0;
            for (JsonNode line : lines) {
                products.add(line.get("pricing").get("price_details").get("product").asText());
                amounts.add(line.get("amount").asLong());
                gross += line.get("amount").asLong();
            }
            long[] off = DiscountResource.allocate(coupon, products, amounts);
            long sum = 0;
            for (int i = 0; i < lines.size(); i++) {
                ObjectNode line = (ObjectNode) lines.get(i);
                ObjectNode amount = Json.object();
                amount.put("amount", off[i]);
                amount.put("discount", discount.get("id").asText());
                ((ArrayNode) line.get("discount_amounts")).add(amount);
                ((ArrayNode) line.get("discounts")).add(discount.get("id").asText());
                sum += off[i];
            }
            ((ArrayNode) invoice.get("discounts")).add(discount.get("id").asText());
            ObjectNode total = Json.object();
            total.put("amount", sum);
            total.put("discount", discount.get("id").asText());
            ((ArrayNode) invoice.get("total_discount_amounts")).add(total);
            taken += sum;
            if (!("once".equals(coupon.get("duration").asText()) && gross > 0)) {
                kept.add(id.asText());
            }
        }
        subscription.set("discounts", kept);
        return taken;
    }

    private ObjectNode paymentMethod(ObjectNode subscription, ObjectNode customer) {
        String paymentMethodId = Json.text(subscription, "default_payment_method");
        if (paymentMethodId == null) {
            paymentMethodId = customer.path("invoice_settings").path("default_payment_method").asText(null);
        }
        return paymentMethodId == null ? null : store().find(paymentMethodId).orElse(null);
    }

    /** Whether an off-session charge for this subscription would succeed: an attached card that does not decline. */
    boolean canPay(ObjectNode subscription, ObjectNode customer) {
        ObjectNode paymentMethod = paymentMethod(subscription, customer);
        return attached(paymentMethod) && !paymentMethod.path("_declines").asBoolean(false);
    }

    /** Whether an off-session charge for this subscription needs the customer to authenticate (3-D Secure). */
    boolean needsAuthentication(ObjectNode subscription, ObjectNode customer) {
        ObjectNode paymentMethod = paymentMethod(subscription, customer);
        return attached(paymentMethod) && paymentMethod.path("_authenticates").asBoolean(false);
    }

    private static boolean attached(ObjectNode paymentMethod) {
        return paymentMethod != null && !paymentMethod.path("customer").isNull();
    }

    /** Publishes a flow's events in order. */
    void publishAll(List<Pending> out, Origin origin) {
        for (Pending pending : out) {
            ctx.events.publish(pending.type(), pending.snapshot(), pending.previous(), origin);
        }
    }

    /** With collection paused, Stripe finalizes the invoice and then marks it uncollectible or voids it, unpaid. */
    private static void closeUnpaid(ObjectNode invoice, String behavior, long now, List<Pending> out) {
        ObjectNode transitions = (ObjectNode) invoice.get("status_transitions");
        if ("void".equals(behavior)) {
            invoice.put("status", "void");
            transitions.put("voided_at", now);
            out.add(new Pending("invoice.voided", invoice.deepCopy(), null));
        } else {
            invoice.put("status", "uncollectible");
            transitions.put("marked_uncollectible_at", now);
            out.add(new Pending("invoice.marked_uncollectible", invoice.deepCopy(), null));
        }
    }

    /**
     * Resumes a {@code paused} subscription: with {@code anchorNow} a new period starts now and is invoiced at once
     * (a failed payment leaves it {@code past_due}); otherwise the period is kept.
     */
    void resume(ObjectNode subscription, boolean anchorNow, Origin origin) {
        ObjectNode before = subscription.deepCopy();
        subscription.put("status", "active");
        subscription.putNull("pause_collection");
        List<Pending> out = new ArrayList<>();
        if (anchorNow) {
            long now = ctx.now();
            Map<String, Long> endedPeriodStarts = periodStarts(subscription);
            subscription.put("billing_cycle_anchor", now);
            for (JsonNode node : subscription.get("items").get("data")) {
                ObjectNode item = (ObjectNode) node;
                JsonNode recurring = item.get("price").get("recurring");
                item.put("current_period_start", now);
                item.put("current_period_end", addInterval(now, recurring.get("interval").asText(),
                        recurring.get("interval_count").asLong()));
            }
            invoiceAndPay(subscription, "subscription_cycle", endedPeriodStarts, false, out);
        }
        ObjectNode previous = EmulatorContext.previousAttributes(before, subscription);
        ctx.events.publish("customer.subscription.updated", subscription, previous, origin);
        ctx.events.publish("customer.subscription.resumed", subscription, origin);
        for (Pending pending : out) {
            ctx.events.publish(pending.type(), pending.snapshot(), pending.previous(), origin);
        }
        ctx.subscriptionsChanged(subscription.get("customer").asText(), origin);
    }

    String describe(JsonNode item, ObjectNode price, boolean trialing) {
        String product = store().find(price.get("product").asText()).map(p -> p.path("name").asText())
                .orElse(price.get("product").asText());
        long quantity = item.get("quantity").asLong();
        if (trialing) {
            return "Trial period for " + product;
        }
        return quantity + " × " + product + " (at " + Money.format(price.get("unit_amount").asLong(),
                price.get("currency").asText()) + " / " + price.path("recurring").path("interval").asText() + ")";
    }

    /** Whether a renewal could charge: the subscription's or the customer's default payment method is attached. */
    private boolean hasPaymentMethod(ObjectNode subscription) {
        ObjectNode customer = store().get("customer", subscription.get("customer").asText(), "customer", null);
        return attached(paymentMethod(subscription, customer));
    }

    /** Cancels a subscription now: status {@code canceled} and {@code customer.subscription.deleted}. */
    void cancelNow(ObjectNode subscription, long at, String reason, Origin origin) {
        subscription.put("status", "canceled");
        if (subscription.path("canceled_at").isNull()) {
            subscription.put("canceled_at", at);
        }
        subscription.put("ended_at", at);
        ((ObjectNode) subscription.get("cancellation_details")).put("reason", reason);
        ctx.events.publish("customer.subscription.deleted", subscription, origin);
        ctx.subscriptionsChanged(subscription.get("customer").asText(), origin);
    }

    /** Sets or clears cancel-at-period-end as Stripe does (also setting {@code cancel_at} and {@code canceled_at}). */
    void cancelAtPeriodEnd(ObjectNode subscription, boolean cancel) {
        subscription.put("cancel_at_period_end", cancel);
        ObjectNode details = (ObjectNode) subscription.get("cancellation_details");
        if (cancel) {
            subscription.put("cancel_at", periodEnd(subscription));
            subscription.put("canceled_at", ctx.now());
            details.put("reason", "cancellation_requested");
        } else {
            subscription.putNull("cancel_at");
            subscription.putNull("canceled_at");
            details.putNull("reason");
        }
    }

    /** Each item's current period start by item id, taken before a new period begins. */
    private static Map<String, Long> periodStarts(ObjectNode subscription) {
        Map<String, Long> starts = new HashMap<>();
        for (JsonNode item : subscription.get("items").get("data")) {
            starts.put(item.get("id").asText(), item.get("current_period_start").asLong());
        }
        return starts;
    }

    static long periodEnd(ObjectNode subscription) {
        return subscription.get("items").get("data").get(0).get("current_period_end").asLong();
    }

    /** Replaces an item's price, keeping its period. */
    static void changePrice(ObjectNode item, ObjectNode price) {
        item.set("price", price.deepCopy());
        item.set("plan", StripeObjects.plan(price));
    }

    // ---- time

    /** Moves the clock and runs what became due: trial ends, renewals, scheduled cancellations, session expiry. */
    void advance(long seconds) {
        ctx.clock.advance(seconds);
        runDue();
    }

    void runDue() {
        long now = ctx.now();
        List<ObjectNode> subscriptions = new ArrayList<>(store().all("subscription", s -> true));
        Collections.reverse(subscriptions);
        for (ObjectNode subscription : subscriptions) {
            for (int guard = 0; guard < 10_000 && runDueOnce(subscription, now); guard++) {
                continue;
            }
        }
        for (ObjectNode session : store().all("checkout.session", s -> "open".equals(s.path("status").asText()))) {
            if (session.get("expires_at").asLong() <= now) {
                session.put("status", "expired");
                session.putNull("url");
                ctx.events.publish("checkout.session.expired", session, Origin.AUTOMATIC);
            }
        }
    }

    private boolean runDueOnce(ObjectNode subscription, long now) {
        String status = subscription.get("status").asText();
        if (!List.of("active", "trialing", "past_due").contains(status)) {
            return false;
        }
        if ("trialing".equals(status) && !subscription.path("_trial_will_end_sent").asBoolean(false)
                && subscription.path("trial_end").isNumber()
                && subscription.get("trial_end").asLong() - TRIAL_WILL_END_NOTICE <= now) {
            subscription.put("_trial_will_end_sent", true);
            ctx.events.publish("customer.subscription.trial_will_end", subscription, Origin.AUTOMATIC);
        }
        JsonNode cancelAt = subscription.get("cancel_at");
        if (cancelAt.isNumber() && cancelAt.asLong() <= now) {
            cancelNow(subscription, cancelAt.asLong(), "cancellation_requested", Origin.AUTOMATIC);
            return false;
        }
        long periodEnd = periodEnd(subscription);
        JsonNode resumesAt = subscription.path("pause_collection").path("resumes_at");
        if (resumesAt.isNumber() && resumesAt.asLong() <= now && resumesAt.asLong() <= periodEnd) {
            ObjectNode before = subscription.deepCopy();
            subscription.putNull("pause_collection");
            ctx.publishUpdate("customer.subscription.updated", before, subscription, Origin.AUTOMATIC);
            return true;
        }
        if (periodEnd > now) {
            return false;
        }
        if ("trialing".equals(status) && !hasPaymentMethod(subscription)) {
            String behavior = subscription.path("trial_settings").path("end_behavior")
                    .path("missing_payment_method").asText("create_invoice");
            if ("cancel".equals(behavior)) {
                cancelNow(subscription, periodEnd, "cancellation_requested", Origin.AUTOMATIC);
                return false;
            }
            if ("pause".equals(behavior)) {
                ObjectNode before = subscription.deepCopy();
                subscription.put("status", "paused");
                ctx.events.publish("customer.subscription.paused", subscription, Origin.AUTOMATIC);
                ctx.publishUpdate("customer.subscription.updated", before, subscription, Origin.AUTOMATIC);
                ctx.subscriptionsChanged(subscription.get("customer").asText(), Origin.AUTOMATIC);
                return false;
            }
        }
        ObjectNode before = subscription.deepCopy();
        Map<String, Long> endedPeriodStarts = periodStarts(subscription);
        if (schedules != null) {
            schedules.atPeriodEnd(subscription, periodEnd);
        }
        for (JsonNode node : subscription.get("items").get("data")) {
            ObjectNode item = (ObjectNode) node;
            JsonNode recurring = item.get("price").get("recurring");
            item.put("current_period_start", periodEnd);
            item.put("current_period_end", addInterval(periodEnd, recurring.get("interval").asText(),
                    recurring.get("interval_count").asLong()));
        }
        if ("trialing".equals(status)) {
            subscription.put("status", "active");
        }
        List<Pending> out = new ArrayList<>();
        invoiceAndPay(subscription, "subscription_cycle", endedPeriodStarts, "trialing".equals(status), out);
        ctx.events.publish("customer.subscription.updated", subscription,
                EmulatorContext.previousAttributes(before, subscription), Origin.AUTOMATIC);
        publishAll(out, Origin.AUTOMATIC);
        ctx.subscriptionsChanged(subscription.get("customer").asText(), Origin.AUTOMATIC);
        return true;
    }
}
