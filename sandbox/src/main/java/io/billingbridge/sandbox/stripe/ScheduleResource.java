package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/subscription_schedules}: create from a subscription, retrieve, list, update the phases, release and
 * cancel; and, when the clock reaches a phase boundary, the switch of the subscription to the next phase's items
 * (or the release of the schedule after its last phase).
 */
final class ScheduleResource {

    private final EmulatorContext ctx;
    private final BillingEngine engine;

    ScheduleResource(EmulatorContext ctx, BillingEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
    }

    void register(Router router) {
        router.add("POST", "/v1/subscription_schedules", ParamSpec.of("from_subscription", "metadata",
                "metadata[*]"), this::create);
        router.add("GET", "/v1/subscription_schedules", ParamSpec.list("customer", "scheduled"), this::list);
        router.add("GET", "/v1/subscription_schedules/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/subscription_schedules/{id}", ParamSpec.of("end_behavior", "metadata",
                "metadata[*]", "proration_behavior", "phases[#][items][#][price]", "phases[#][items][#][quantity]",
                "phases[#][start_date]", "phases[#][end_date]", "phases[#][duration][interval]",
                "phases[#][duration][interval_count]", "phases[#][proration_behavior]",
                "phases[#][metadata]", "phases[#][metadata][*]"), this::update);
        router.add("POST", "/v1/subscription_schedules/{id}/release", ParamSpec.of("preserve_cancel_date"),
                this::release);
        router.add("POST", "/v1/subscription_schedules/{id}/cancel", ParamSpec.of("invoice_now", "prorate"),
                this::cancel);
    }

    private ObjectNode find(String id) {
        return ctx.store.get("subscription_schedule", id, "subscription_schedule", "schedule");
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(ctx.render(find(request.path("id")), request.expand()));
    }

    private ApiResponse list(ApiRequest request) {
        String customer = request.params().string("customer");
        List<ObjectNode> schedules = ctx.store.all("subscription_schedule", s -> customer == null
                || customer.equals(s.get("customer").asText()));
        return ApiResponse.ok(ListPager.page(schedules, request.params(), "/v1/subscription_schedules",
                "subscription_schedule", s -> ctx.render(s, CustomerResource.dataExpand(request))));
    }

    private ApiResponse create(ApiRequest request) {
        String subscriptionId = request.params().require("from_subscription");
        ObjectNode subscription = ctx.store.referenced("subscription", subscriptionId, "subscription",
                "from_subscription");
        if ("canceled".equals(subscription.get("status").asText())) {
            throw StripeApiException.invalid("from_subscription",
                    "You cannot migrate a subscription that is already canceled.");
        }
        if (!subscription.get("schedule").isNull()) {
            throw StripeApiException.invalid("from_subscription", "You cannot migrate a subscription that is"
                    + " already attached to a schedule: `" + subscription.get("schedule").asText() + "`.");
        }
        long now = ctx.now();
        ObjectNode schedule = Json.object();
        schedule.put("id", Ids.next("sub_sched"));
        schedule.put("object", "subscription_schedule");
        schedule.putNull("application");
        schedule.set("billing_mode", subscription.get("billing_mode").deepCopy());
        schedule.putNull("canceled_at");
        schedule.putNull("completed_at");
        schedule.put("created", now);
        JsonNode first = subscription.get("items").get("data").get(0);
        long start = first.get("current_period_start").asLong();
        long end = first.get("current_period_end").asLong();
        schedule.set("current_phase", period(start, end));
        schedule.set("customer", subscription.get("customer"));
        ObjectNode defaults = Json.object();
        defaults.put("billing_cycle_anchor", "automatic");
        defaults.put("collection_method", "charge_automatically");
        defaults.set("default_payment_method", subscription.get("default_payment_method"));
        schedule.set("default_settings", defaults);
        schedule.put("end_behavior", "release");
        schedule.put("livemode", false);
        schedule.set("metadata", Json.object());
        ArrayNode phases = Json.array();
        ArrayNode items = Json.array();
        for (JsonNode item : subscription.get("items").get("data")) {
            items.add(phaseItem(item.get("price").get("id").asText(), item.get("quantity").asLong()));
        }
        phases.add(phase(items, start, end, "create_prorations"));
        schedule.set("phases", phases);
        schedule.putNull("released_at");
        schedule.putNull("released_subscription");
        schedule.put("status", "active");
        schedule.put("subscription", subscriptionId);
        schedule.putNull("test_clock");
        EmulatorContext.applyMetadata(schedule, request.params());
        ctx.store.put(schedule);
        ObjectNode before = subscription.deepCopy();
        subscription.put("schedule", schedule.get("id").asText());
        ctx.events.publish("subscription_schedule.created", schedule, request.origin());
        ctx.publishUpdate("customer.subscription.updated", before, subscription, request.origin());
        return ApiResponse.ok(ctx.render(schedule, request.expand()));
    }

    private static ObjectNode period(long start, long end) {
        ObjectNode period = Json.object();
        period.put("end_date", end);
        period.put("start_date", start);
        return period;
    }

    private static ObjectNode phaseItem(String price, long quantity) {
        ObjectNode item = Json.object();
        item.putNull("billing_thresholds");
        item.set("discounts", Json.array());
        item.set("metadata", Json.object());
        item.put("price", price);
        item.put("quantity", quantity);
        item.set("tax_rates", Json.array());
        return item;
    }

    private static ObjectNode phase(ArrayNode items, long start, long end, String prorationBehavior) {
        ObjectNode phase = Json.object();
        phase.set("add_invoice_items", Json.array());
        phase.putNull("application_fee_percent");
        phase.putNull("billing_cycle_anchor");
        phase.putNull("collection_method");
        phase.putNull("currency");
        phase.putNull("default_payment_method");
        phase.set("discounts", Json.array());
        phase.put("end_date", end);
        phase.set("items", items);
        phase.set("metadata", Json.object());
        phase.put("proration_behavior", prorationBehavior);
        phase.put("start_date", start);
        phase.putNull("trial_end");
        return phase;
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode schedule = find(request.path("id"));
        String status = schedule.get("status").asText();
        if (!"active".equals(status) && !"not_started".equals(status)) {
            throw StripeApiException.invalid(null, "You cannot update a subscription schedule that is currently in"
                    + " the `" + status + "` status. It must be in one of the following statuses: `not_started`,"
                    + " `active`.");
        }
        FormParams params = request.params();
        ObjectNode before = schedule.deepCopy();
        String endBehavior = params.oneOf("end_behavior", null, "cancel", "none", "release", "renew");
        if (endBehavior != null) {
            schedule.put("end_behavior", endBehavior);
        }
        List<FormParams> phaseParams = params.objects("phases");
        if (!phaseParams.isEmpty()) {
            schedule.set("phases", phases(schedule, phaseParams));
        }
        EmulatorContext.applyMetadata(schedule, params);
        ctx.publishUpdate("subscription_schedule.updated", before, schedule, request.origin());
        return ApiResponse.ok(ctx.render(schedule, request.expand()));
    }

    private ArrayNode phases(ObjectNode schedule, List<FormParams> phaseParams) {
        JsonNode current = schedule.get("current_phase");
        String currency = null;
        ArrayNode phases = Json.array();
        Long previousEnd = null;
        for (int i = 0; i < phaseParams.size(); i++) {
            FormParams p = phaseParams.get(i);
            Long start = p.integer("start_date");
            if (start == null) {
                if (previousEnd == null) {
                    throw StripeApiException.missingParameter(p.qualified("start_date"));
                }
                start = previousEnd;
            }
            if (i == 0 && current.isObject() && start != current.get("start_date").asLong()) {
                throw StripeApiException.invalid(p.qualified("start_date"), "You can not modify the start date of"
                        + " the current phase.");
            }
            if (previousEnd != null && start != previousEnd.longValue()) {
                throw StripeApiException.invalid(p.qualified("start_date"),
                        "Phases must be contiguous: each phase starts when the one before it ends.");
            }
            List<FormParams> itemParams = p.objects("items");
            if (itemParams.isEmpty()) {
                throw StripeApiException.missingParameter(p.qualified("items"));
            }
            ArrayNode items = Json.array();
            ObjectNode firstPrice = null;
            for (FormParams item : itemParams) {
                ObjectNode price = ctx.store.referenced("price", item.require("price"), "price",
                        item.qualified("price"));
                if (!"recurring".equals(price.get("type").asText()) || !price.get("active").asBoolean()) {
                    throw StripeApiException.invalid(item.qualified("price"),
                            "The price specified must be an active recurring price.");
                }
                if (currency != null && !currency.equals(price.get("currency").asText())) {
                    throw StripeApiException.invalid(item.qualified("price"),
                            "All prices on a subscription schedule must have the same currency.");
                }
                currency = price.get("currency").asText();
                firstPrice = firstPrice == null ? price : firstPrice;
                long quantity = item.integer("quantity", 1);
                if (quantity < 0) {
                    throw StripeApiException.invalid(item.qualified("quantity"),
                            "This value must be greater than or equal to 0.");
                }
                items.add(phaseItem(price.get("id").asText(), quantity));
            }
            Long end = p.integer("end_date");
            FormParams duration = p.sub("duration");
            if (end == null && duration.string("interval") != null) {
                end = BillingEngine.addInterval(start, duration.oneOf("interval", null, "day", "week", "month",
                        "year"), duration.integer("interval_count", 1));
            }
            if (end == null) {
                JsonNode recurring = firstPrice.get("recurring");
                end = BillingEngine.addInterval(start, recurring.get("interval").asText(),
                        recurring.get("interval_count").asLong());
            }
            if (end <= start) {
                throw StripeApiException.invalid(p.qualified("end_date"),
                        "The end date must be after the start date.");
            }
            phases.add(phase(items, start, end, p.oneOf("proration_behavior", "create_prorations",
                    "always_invoice", "create_prorations", "none")));
            previousEnd = end;
        }
        return phases;
    }

    private ApiResponse release(ApiRequest request) {
        ObjectNode schedule = find(request.path("id"));
        if (!"active".equals(schedule.get("status").asText())
                && !"not_started".equals(schedule.get("status").asText())) {
            throw StripeApiException.invalid(null, "You cannot release a subscription schedule that is currently in"
                    + " the `" + schedule.get("status").asText() + "` status.");
        }
        release(schedule, request.origin());
        return ApiResponse.ok(ctx.render(schedule, request.expand()));
    }

    /** Lets the subscription go on without the schedule, publishing Stripe's two events. */
    private void release(ObjectNode schedule, Origin origin) {
        ObjectNode subscription = ctx.store.find(Json.text(schedule, "subscription")).orElseThrow();
        ObjectNode subscriptionBefore = subscription.deepCopy();
        schedule.put("status", "released");
        schedule.put("released_at", ctx.now());
        schedule.put("released_subscription", subscription.get("id").asText());
        schedule.putNull("subscription");
        schedule.putNull("current_phase");
        subscription.putNull("schedule");
        ctx.events.publish("subscription_schedule.released", schedule, origin);
        ctx.publishUpdate("customer.subscription.updated", subscriptionBefore, subscription, origin);
    }

    private ApiResponse cancel(ApiRequest request) {
        ObjectNode schedule = find(request.path("id"));
        if (!"active".equals(schedule.get("status").asText())
                && !"not_started".equals(schedule.get("status").asText())) {
            throw StripeApiException.invalid(null, "You cannot cancel a subscription schedule that is currently in"
                    + " the `" + schedule.get("status").asText() + "` status.");
        }
        ObjectNode subscription = ctx.store.find(Json.text(schedule, "subscription")).orElseThrow();
        schedule.put("status", "canceled");
        schedule.put("canceled_at", ctx.now());
        schedule.putNull("current_phase");
        ctx.events.publish("subscription_schedule.canceled", schedule, request.origin());
        engine.cancelNow(subscription, ctx.now(), "cancellation_requested", request.origin());
        return ApiResponse.ok(ctx.render(schedule, request.expand()));
    }

    /**
     * At a subscription's period end: switches it to the items of the schedule's phase that starts then, or releases
     * the schedule when its last phase has ended (end behaviour {@code release}). Returns whether the items changed.
     */
    boolean atPeriodEnd(ObjectNode subscription, long periodEnd) {
        String scheduleId = Json.text(subscription, "schedule");
        if (scheduleId == null) {
            return false;
        }
        ObjectNode schedule = ctx.store.find(scheduleId).orElse(null);
        if (schedule == null || !"active".equals(schedule.get("status").asText())) {
            return false;
        }
        ObjectNode next = null;
        for (JsonNode phase : schedule.get("phases")) {
            if (phase.get("start_date").asLong() == periodEnd) {
                next = (ObjectNode) phase;
            }
        }
        if (next == null) {
            JsonNode phases = schedule.get("phases");
            long lastEnd = phases.get(phases.size() - 1).get("end_date").asLong();
            if (lastEnd <= periodEnd) {
                release(schedule, Origin.AUTOMATIC);
            }
            return false;
        }
        ObjectNode before = schedule.deepCopy();
        ArrayNode items = (ArrayNode) subscription.get("items").get("data");
        List<ObjectNode> replaced = new ArrayList<>();
        int index = 0;
        for (JsonNode phaseItem : next.get("items")) {
            ObjectNode price = ctx.store.get("price", phaseItem.get("price").asText(), "price", null);
            long quantity = phaseItem.get("quantity").asLong();
            if (index < items.size()) {
                ObjectNode item = (ObjectNode) items.get(index);
                BillingEngine.changePrice(item, price);
                item.put("quantity", quantity);
                replaced.add(item);
            } else {
                replaced.add(StripeObjects.subscriptionItem(Ids.next("si"), ctx.now(), subscription.get("id")
                        .asText(), price, quantity, periodEnd, periodEnd));
            }
            index++;
        }
        items.removeAll();
        replaced.forEach(items::add);
        schedule.set("current_phase", period(next.get("start_date").asLong(), next.get("end_date").asLong()));
        ctx.publishUpdate("subscription_schedule.updated", before, schedule, Origin.AUTOMATIC);
        return true;
    }
}
