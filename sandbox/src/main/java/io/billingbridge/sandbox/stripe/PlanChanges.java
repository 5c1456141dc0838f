package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Changing a subscription's items as Stripe does: the proration lines (time-based, to the second, at the proration
 * date), the invoice preview ({@code POST /v1/invoices/create_preview}), and what an update then invoices, leaves
 * pending as invoice items, or (a failed payment under {@code pending_if_incomplete}) keeps as a pending update.
 */
final class PlanChanges {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** How long Stripe keeps a pending update before it expires. */
    private static final long PENDING_UPDATE_SECONDS = 23 * 3_600;

    /**
     * One line a change produces, before it is on an invoice.
     *
     * @param item the subscription item (old or new) the line is for
     * @param proration whether it is a proration (credit or remaining time) rather than a whole period
     */
    record Line(ObjectNode item, String description, long amount, long quantity, long periodStart, long periodEnd,
            boolean proration) {

        ObjectNode onInvoice(String invoiceId) {
            ObjectNode line = StripeObjects.invoiceLine(Ids.next("il"), invoiceId, item, description, periodStart,
                    periodEnd);
            line.put("amount", amount);
            line.put("subtotal", amount);
            line.put("quantity", quantity);
            line.put("quantity_decimal", Long.toString(quantity));
            ((ObjectNode) line.get("parent").get("subscription_item_details")).put("proration", proration);
            return line;
        }
    }

    /**
     * What a change to a subscription amounts to.
     *
     * @param after the subscription as it would be (a copy; the stored one is not touched)
     * @param cycleReset whether the billing cycle restarts now (the interval changes or the anchor is reset)
     * @param prorations credits for unused time and charges for the remaining time, at the proration date
     * @param invoiceNow whether Stripe invoices (and charges) the change at once
     */
    record Outcome(ObjectNode after, long prorationDate, boolean cycleReset, List<Line> prorations,
            boolean invoiceNow) {

        /** The lines invoiced now: the prorations, and a whole new period when the cycle restarts. */
        List<Line> immediateLines(BillingEngine engine) {
            List<Line> lines = new ArrayList<>(prorations);
            if (cycleReset) {
                lines.addAll(periodLines(engine, after));
            }
            return lines;
        }
    }

    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final SubscriptionResource subscriptions;

    PlanChanges(EmulatorContext ctx, BillingEngine engine, SubscriptionResource subscriptions) {
        this.ctx = ctx;
        this.engine = engine;
        this.subscriptions = subscriptions;
    }

    void register(Router router) {
        router.add("POST", "/v1/invoices/create_preview", ParamSpec.of("customer", "subscription",
                "subscription_details[items][#][id]", "subscription_details[items][#][price]",
                "subscription_details[items][#][quantity]", "subscription_details[items][#][deleted]",
                "subscription_details[proration_date]", "subscription_details[proration_behavior]",
                "subscription_details[billing_cycle_anchor]"), this::preview);
    }

    /**
     * Works out a change of items without applying it.
     *
     * @param changes the {@code items} parameters of the update (or of {@code subscription_details})
     * @param behavior {@code create_prorations}, {@code always_invoice} or {@code none}
     * @param prorationDate when to prorate from (null: now)
     * @param anchorNow whether {@code billing_cycle_anchor=now} was asked
     */
    Outcome outcome(ObjectNode subscription, List<FormParams> changes, String behavior, Long prorationDate,
            boolean anchorNow, String prorationParam) {
        ObjectNode after = subscription.deepCopy();
        subscriptions.updateItems(after, changes);
        JsonNode oldFirst = subscription.get("items").get("data").get(0);
        long start = oldFirst.get("current_period_start").asLong();
        long end = oldFirst.get("current_period_end").asLong();
        long now = ctx.now();
        long at = prorationDate == null ? now : prorationDate;
        if (at < start || at > end || at > now) {
            throw StripeApiException.invalid(prorationParam, "The proration date must be within the current"
                    + " billing period and not in the future.");
        }
        boolean cycleReset = anchorNow || !interval(oldFirst).equals(interval(after.get("items").get("data").get(0)));
        List<Line> prorations = new ArrayList<>();
        if (!"none".equals(behavior)) {
            Map<String, JsonNode> newById = new HashMap<>();
            for (JsonNode item : after.get("items").get("data")) {
                newById.put(item.get("id").asText(), item);
            }
            String date = DAY.format(Instant.ofEpochSecond(at));
            for (JsonNode old : subscription.get("items").get("data")) {
                JsonNode replaced = newById.remove(old.get("id").asText());
                if (replaced != null && same(old, replaced) && !cycleReset) {
                    continue;
                }
                prorations.add(new Line((ObjectNode) old, "Unused time on " + name(old) + " after " + date,
                        -share(old, at, start, end), old.get("quantity").asLong(), at, end, true));
                if (replaced != null && !cycleReset) {
                    prorations.add(new Line((ObjectNode) replaced, "Remaining time on " + name(replaced) + " after "
                            + date, share(replaced, at, start, end), replaced.get("quantity").asLong(), at, end,
                            true));
                }
            }
            if (!cycleReset) {
                for (JsonNode added : newById.values()) {
                    prorations.add(new Line((ObjectNode) added, "Remaining time on " + name(added) + " after "
                            + date, share(added, at, start, end), added.get("quantity").asLong(), at, end, true));
                }
            }
        }
        // Metered items are billed in arrears from usage: Stripe does not prorate them.
        prorations.removeIf(line -> StripeObjects.metered(line.item().get("price")));
        if (cycleReset) {
            JsonNode recurring = after.get("items").get("data").get(0).get("price").get("recurring");
            long newEnd = BillingEngine.addInterval(now, recurring.get("interval").asText(),
                    recurring.get("interval_count").asLong());
            for (JsonNode item : after.get("items").get("data")) {
                ((ObjectNode) item).put("current_period_start", now);
                ((ObjectNode) item).put("current_period_end", newEnd);
            }
            after.put("billing_cycle_anchor", now);
        }
        return new Outcome(after, at, cycleReset, prorations, cycleReset || "always_invoice".equals(behavior));
    }

    private static boolean same(JsonNode old, JsonNode replaced) {
        return old.get("price").get("id").equals(replaced.get("price").get("id"))
                && old.get("quantity").asLong() == replaced.get("quantity").asLong();
    }

    private static String interval(JsonNode item) {
        JsonNode recurring = item.get("price").get("recurring");
        return recurring.get("interval").asText() + "/" + recurring.get("interval_count").asLong();
    }

    /** The item's amount for the part {@code [at, end]} of the period {@code [start, end]}, rounded as Stripe does. */
    private static long share(JsonNode item, long at, long start, long end) {
        long whole = item.get("price").path("unit_amount").asLong() * item.get("quantity").asLong();
        if (end <= start) {
            return 0;
        }
        return Math.round((double) whole * (end - at) / (end - start));
    }

    private String name(JsonNode item) {
        String productId = item.get("price").get("product").asText();
        String product = ctx.store.find(productId).map(p -> p.path("name").asText()).orElse(productId);
        long quantity = item.get("quantity").asLong();
        return quantity == 1 ? product : quantity + " × " + product;
    }

    /** A whole period of every item of the subscription, at its current period. */
    static List<Line> periodLines(BillingEngine engine, ObjectNode subscription) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode item : subscription.get("items").get("data")) {
            ObjectNode price = (ObjectNode) item.get("price");
            lines.add(new Line((ObjectNode) item, engine.describe(item, price, false),
                    price.path("unit_amount").asLong() * item.get("quantity").asLong(), item.get("quantity").asLong(),
                    item.get("current_period_start").asLong(), item.get("current_period_end").asLong(), false));
        }
        return lines;
    }

    /** The next period of every item, as the renewal invoice will bill it. */
    private List<Line> nextPeriodLines(ObjectNode subscription) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode item : subscription.get("items").get("data")) {
            ObjectNode price = (ObjectNode) item.get("price");
            JsonNode recurring = price.get("recurring");
            long start = item.get("current_period_end").asLong();
            long end = BillingEngine.addInterval(start, recurring.get("interval").asText(),
                    recurring.get("interval_count").asLong());
            lines.add(new Line((ObjectNode) item, engine.describe(item, price, false),
                    price.path("unit_amount").asLong() * item.get("quantity").asLong(), item.get("quantity").asLong(),
                    start, end, false));
        }
        return lines;
    }

    private ApiResponse preview(ApiRequest request) {
        FormParams params = request.params();
        String customerId = params.require("customer");
        ctx.store.referenced("customer", customerId, "customer", "customer");
        String subscriptionId = params.require("subscription");
        ObjectNode subscription = ctx.store.referenced("subscription", subscriptionId, "subscription",
                "subscription");
        if (!customerId.equals(subscription.get("customer").asText())) {
            throw StripeApiException.invalid("subscription", "The subscription " + subscriptionId
                    + " does not belong to the customer " + customerId + ".");
        }
        if ("canceled".equals(subscription.get("status").asText())) {
            throw StripeApiException.invalid("subscription", "No upcoming invoices for a canceled subscription.");
        }
        FormParams details = params.sub("subscription_details");
        String behavior = details.oneOf("proration_behavior", "create_prorations", "always_invoice",
                "create_prorations", "none");
        String anchor = details.oneOf("billing_cycle_anchor", "unchanged", "now", "unchanged");
        Outcome outcome = outcome(subscription, details.objects("items"), behavior,
                details.integer("proration_date"), "now".equals(anchor),
                "subscription_details[proration_date]");
        List<ObjectNode> pending = pendingItems(subscription);
        List<Line> lines;
        long periodStart;
        long periodEnd;
        if (outcome.invoiceNow()) {
            lines = outcome.immediateLines(engine);
            periodStart = ctx.now();
            periodEnd = ctx.now();
            pending = List.of();
        } else {
            lines = new ArrayList<>(outcome.prorations());
            lines.addAll(nextPeriodLines(outcome.after()));
            JsonNode first = subscription.get("items").get("data").get(0);
            periodStart = first.get("current_period_start").asLong();
            periodEnd = first.get("current_period_end").asLong();
        }
        ObjectNode customer = ctx.store.get("customer", customerId, "customer", "customer");
        String id = "upcoming_" + Ids.next("in");
        ObjectNode invoice = StripeObjects.invoice(id, ctx.now(), customer, subscription.get("currency").asText());
        ArrayNode data = (ArrayNode) invoice.get("lines").get("data");
        long total = 0;
        for (ObjectNode item : pending) {
            ObjectNode line = pendingLine(item, id);
            data.add(line);
            total += line.get("amount").asLong();
        }
        for (Line line : lines) {
            data.add(line.onInvoice(id));
            total += line.amount();
        }
        ((ObjectNode) invoice.get("lines")).put("url", "/v1/invoices/upcoming/lines");
        long balance = customer.path("balance").asLong();
        long due = total < 0 ? 0 : Math.max(0, total + Math.min(0, balance));
        for (String field : List.of("subtotal", "subtotal_excluding_tax", "total", "total_excluding_tax")) {
            invoice.put(field, total);
        }
        invoice.put("amount_due", due);
        invoice.put("amount_remaining", due);
        invoice.put("starting_balance", balance);
        invoice.put("billing_reason", outcome.invoiceNow() ? "subscription_update" : "upcoming");
        invoice.put("period_start", periodStart);
        invoice.put("period_end", periodEnd);
        invoice.put("subscription", subscriptionId);
        ObjectNode parent = Json.object();
        parent.putNull("quote_details");
        ObjectNode parentDetails = Json.object();
        parentDetails.set("metadata", subscription.get("metadata").deepCopy());
        parentDetails.put("subscription", subscriptionId);
        parentDetails.put("subscription_proration_date", outcome.prorationDate());
        parent.set("subscription_details", parentDetails);
        parent.put("type", "subscription_details");
        invoice.set("parent", parent);
        invoice.putNull("number");
        invoice.putNull("hosted_invoice_url");
        return ApiResponse.ok(ctx.render(invoice, request.expand()));
    }

    /**
     * Applies an items update that {@link #outcome} worked out, as Stripe does: invoiced and charged at once, or the
     * prorations left pending for the next invoice. A failed payment under {@code pending_if_incomplete} keeps the
     * old items and records a {@code pending_update}; under {@code error_if_incomplete} nothing changes and the card
     * error is returned.
     */
    void apply(ObjectNode subscription, Outcome outcome, String paymentBehavior, List<BillingEngine.Pending> out) {
        ObjectNode customer = ctx.store.get("customer", subscription.get("customer").asText(), "customer", null);
        long total = outcome.invoiceNow() ? outcome.immediateLines(engine).stream().mapToLong(Line::amount).sum()
                : 0;
        if (outcome.invoiceNow() && total > 0 && !engine.canPay(subscription, customer)
                && "error_if_incomplete".equals(paymentBehavior)) {
            throw StripeApiException.cardDeclined();
        }
        ObjectNode oldItems = (ObjectNode) subscription.get("items").deepCopy();
        JsonNode oldAnchor = subscription.get("billing_cycle_anchor");
        String oldStatus = subscription.get("status").asText();
        subscription.set("items", outcome.after().get("items").deepCopy());
        subscription.set("billing_cycle_anchor", outcome.after().get("billing_cycle_anchor"));
        if (!outcome.invoiceNow()) {
            for (Line line : outcome.prorations()) {
                ctx.store.put(invoiceItem(subscription, line));
            }
            return;
        }
        List<Line> lines = outcome.immediateLines(engine);
        List<BillingEngine.Pending> invoiceEvents = new ArrayList<>();
        ObjectNode invoice = engine.issue(subscription, "subscription_update", ctx.now(), ctx.now(),
                invoiceId -> lines.stream().map(l -> l.onInvoice(invoiceId)).toList(), invoiceEvents);
        if ("open".equals(invoice.get("status").asText()) && "pending_if_incomplete".equals(paymentBehavior)) {
            ObjectNode pendingUpdate = Json.object();
            pendingUpdate.putNull("billing_cycle_anchor");
            pendingUpdate.put("expires_at", ctx.now() + PENDING_UPDATE_SECONDS);
            pendingUpdate.set("subscription_items", outcome.after().get("items").get("data").deepCopy());
            pendingUpdate.putNull("trial_end");
            pendingUpdate.putNull("trial_from_plan");
            subscription.set("items", oldItems);
            subscription.set("billing_cycle_anchor", oldAnchor);
            subscription.put("status", oldStatus);
            subscription.set("pending_update", pendingUpdate);
        }
        out.addAll(invoiceEvents);
    }

    private ObjectNode invoiceItem(ObjectNode subscription, Line line) {
        ObjectNode item = Json.object();
        item.put("id", Ids.next("ii"));
        item.put("object", "invoiceitem");
        item.put("amount", line.amount());
        item.set("currency", subscription.get("currency"));
        item.set("customer", subscription.get("customer"));
        item.put("date", ctx.now());
        item.put("description", line.description());
        item.put("discountable", false);
        item.putNull("invoice");
        item.put("livemode", false);
        item.set("metadata", Json.object());
        ObjectNode parent = Json.object();
        ObjectNode details = Json.object();
        details.set("subscription", subscription.get("id"));
        details.set("subscription_item", line.item().get("id"));
        parent.set("subscription_details", details);
        parent.put("type", "subscription_details");
        item.set("parent", parent);
        ObjectNode period = Json.object();
        period.put("end", line.periodEnd());
        period.put("start", line.periodStart());
        item.set("period", period);
        item.put("proration", true);
        item.put("quantity", line.quantity());
        item.set("_item", line.item().deepCopy());
        return item;
    }

    private static List<ObjectNode> pendingItems(EmulatorContext ctx, ObjectNode subscription) {
        String id = subscription.get("id").asText();
        List<ObjectNode> items = new ArrayList<>(ctx.store.all("invoiceitem", i -> i.path("invoice").isNull()
                && id.equals(i.path("parent").path("subscription_details").path("subscription").asText())));
        Collections.reverse(items);
        return items;
    }

    private List<ObjectNode> pendingItems(ObjectNode subscription) {
        return pendingItems(ctx, subscription);
    }

    private static ObjectNode pendingLine(ObjectNode invoiceItem, String invoiceId) {
        return new Line((ObjectNode) invoiceItem.get("_item"), invoiceItem.get("description").asText(),
                invoiceItem.get("amount").asLong(), invoiceItem.get("quantity").asLong(),
                invoiceItem.get("period").get("start").asLong(), invoiceItem.get("period").get("end").asLong(), true)
                .onInvoice(invoiceId);
    }

    /** The subscription's pending invoice items as lines of the invoice being made, which they now belong to. */
    static List<ObjectNode> pendingLines(EmulatorContext ctx, ObjectNode subscription, String invoiceId) {
        List<ObjectNode> lines = new ArrayList<>();
        for (ObjectNode item : pendingItems(ctx, subscription)) {
            lines.add(pendingLine(item, invoiceId));
            item.put("invoice", invoiceId);
        }
        return lines;
    }
}
