package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code /v1/subscriptions} (list, retrieve, update, cancel) and {@code /v1/subscription_items}. */
final class SubscriptionResource {

    private static final Set<String> STATUSES = Set.of("active", "all", "canceled", "ended", "incomplete",
            "incomplete_expired", "past_due", "paused", "trialing", "unpaid");

    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final PlanChanges planChanges;

    SubscriptionResource(EmulatorContext ctx, BillingEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
        this.planChanges = new PlanChanges(ctx, engine, this);
    }

    void register(Router router) {
        planChanges.register(router);
        router.add("GET", "/v1/subscriptions", ParamSpec.list("customer", "price", "status", "collection_method",
                "test_clock"), this::list);
        router.add("GET", "/v1/subscriptions/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/subscriptions/{id}", ParamSpec.of("cancel_at_period_end", "cancel_at",
                "items[#][id]", "items[#][price]", "items[#][quantity]", "items[#][deleted]", "items[#][metadata]",
                "items[#][metadata][*]", "metadata", "metadata[*]", "proration_behavior", "default_payment_method",
                "description", "payment_behavior", "cancellation_details[comment]", "cancellation_details[feedback]",
                "proration_date", "billing_cycle_anchor", "pause_collection", "pause_collection[behavior]",
                "pause_collection[resumes_at]", "trial_settings[end_behavior][missing_payment_method]"), this::update);
        router.add("POST", "/v1/subscriptions/{id}/resume", ParamSpec.of("billing_cycle_anchor",
                "proration_behavior", "proration_date"), this::resume);
        router.add("DELETE", "/v1/subscriptions/{id}", ParamSpec.of("invoice_now", "prorate",
                "cancellation_details[comment]", "cancellation_details[feedback]"), this::cancel);
        router.add("GET", "/v1/subscription_items", ParamSpec.of("subscription", "limit", "starting_after",
                "ending_before"), this::listItems);
        router.add("GET", "/v1/subscription_items/{id}", ParamSpec.of(), this::retrieveItem);
    }

    private ObjectNode find(String id, String param) {
        return ctx.store.get("subscription", id, "subscription", param);
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(ctx.render(find(request.path("id"), "id"), request.expand()));
    }

    private ApiResponse list(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.string("customer");
        String price = params.string("price");
        String status = params.string("status");
        if (status != null && !STATUSES.contains(status)) {
            throw StripeApiException.invalid("status", "Invalid status: must be one of " + String.join(", ",
                    new TreeSet<>(STATUSES)));
        }
        String collection = params.string("collection_method");
        List<ObjectNode> subscriptions = ctx.store.all("subscription", s -> (customer == null
                || customer.equals(s.get("customer").asText()))
                && (price == null || hasPrice(s, price))
                && (collection == null || collection.equals(s.get("collection_method").asText()))
                && statusMatches(s.get("status").asText(), status));
        return ApiResponse.ok(ListPager.page(subscriptions, params, "/v1/subscriptions", "subscription",
                s -> ctx.render(s, CustomerResource.dataExpand(request))));
    }

    private static boolean hasPrice(ObjectNode subscription, String price) {
        for (JsonNode item : subscription.get("items").get("data")) {
            if (price.equals(item.get("price").get("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Stripe's filter: no status means "not canceled"; {@code ended} means canceled or incomplete_expired. */
    static boolean statusMatches(String actual, String filter) {
        if (filter == null) {
            return !"canceled".equals(actual);
        }
        return switch (filter) {
            case "all" -> true;
            case "ended" -> "canceled".equals(actual) || "incomplete_expired".equals(actual);
            default -> filter.equals(actual);
        };
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode subscription = find(request.path("id"), "id");
        update(subscription, request.params(), request.origin());
        return ApiResponse.ok(ctx.render(subscription, request.expand()));
    }

    /** Applies an update as Stripe does, publishing one {@code customer.subscription.updated}; the portal uses it too. */
    void update(ObjectNode subscription, FormParams params, Origin origin) {
        ObjectNode before = subscription.deepCopy();
        if ("canceled".equals(subscription.get("status").asText())) {
            for (String key : params.keys()) {
                if (!key.startsWith("metadata") && !key.startsWith("cancellation_details") && !key.startsWith("expand")) {
                    throw StripeApiException.invalid(null,
                            "A canceled subscription can only update its cancellation_details and metadata.");
                }
            }
        }
        String schedule = Json.text(subscription, "schedule");
        if (schedule != null && (params.has("cancel_at_period_end") || params.has("cancel_at"))) {
            throw StripeApiException.invalid(null, "The subscription is managed by the subscription schedule `"
                    + schedule + "`, and updating any cancelation behavior directly is not allowed. Please update"
                    + " the schedule instead.");
        }
        String prorationBehavior = params.oneOf("proration_behavior", "create_prorations", "always_invoice",
                "create_prorations", "none");
        String paymentBehavior = params.oneOf("payment_behavior", "allow_incomplete", "allow_incomplete",
                "default_incomplete", "error_if_incomplete", "pending_if_incomplete");
        String anchor = params.oneOf("billing_cycle_anchor", "unchanged", "now", "unchanged");
        List<BillingEngine.Pending> invoiceEvents = new ArrayList<>();
        if (params.has("items") || "now".equals(anchor)) {
            PlanChanges.Outcome outcome = planChanges.outcome(subscription, params.objects("items"),
                    prorationBehavior, params.integer("proration_date"), "now".equals(anchor), "proration_date");
            subscription.putNull("pending_update");
            planChanges.apply(subscription, outcome, paymentBehavior, invoiceEvents);
        }
        Boolean atPeriodEnd = params.bool("cancel_at_period_end");
        if (atPeriodEnd != null) {
            if (params.string("cancel_at") != null && !params.string("cancel_at").isEmpty() && atPeriodEnd) {
                throw StripeApiException.invalid("cancel_at",
                        "You may only specify one of these parameters: cancel_at, cancel_at_period_end.");
            }
            engine.cancelAtPeriodEnd(subscription, atPeriodEnd);
        }
        String cancelAt = params.string("cancel_at");
        if (cancelAt != null) {
            if (cancelAt.isEmpty()) {
                subscription.putNull("cancel_at");
                subscription.putNull("canceled_at");
            } else {
                long at = params.integer("cancel_at");
                if (at <= ctx.now()) {
                    throw StripeApiException.invalid("cancel_at", "cancel_at must be in the future.");
                }
                subscription.put("cancel_at", at);
                subscription.put("canceled_at", ctx.now());
                subscription.put("cancel_at_period_end", at == BillingEngine.periodEnd(subscription));
            }
        }
        String defaultPm = params.string("default_payment_method");
        if (defaultPm != null) {
            if (defaultPm.isEmpty()) {
                subscription.putNull("default_payment_method");
            } else {
                ObjectNode pm = ctx.store.referenced("payment_method", defaultPm, "PaymentMethod", "default_payment_method");
                if (!subscription.get("customer").asText().equals(Json.text(pm, "customer"))) {
                    throw StripeApiException.invalid("default_payment_method", "The customer does not have a"
                            + " payment method with the ID " + defaultPm
                            + ". The payment method must be attached to the customer.");
                }
                subscription.put("default_payment_method", defaultPm);
            }
        }
        if (params.string("description") != null) {
            subscription.put("description", params.string("description").isEmpty() ? null
                    : params.string("description"));
        }
        FormParams details = params.sub("cancellation_details");
        if (details.string("comment") != null) {
            ((ObjectNode) subscription.get("cancellation_details")).put("comment", details.string("comment"));
        }
        if (details.string("feedback") != null) {
            ((ObjectNode) subscription.get("cancellation_details")).put("feedback", details.oneOf("feedback", null,
                    "customer_service", "low_quality", "missing_features", "other", "switched_service",
                    "too_complex", "too_expensive", "unused"));
        }
        if (params.has("pause_collection")) {
            pauseCollection(subscription, params);
        }
        String endBehavior = params.sub("trial_settings").sub("end_behavior").string("missing_payment_method");
        if (endBehavior != null) {
            ((ObjectNode) subscription.get("trial_settings").get("end_behavior")).put("missing_payment_method",
                    params.oneOf("trial_settings[end_behavior][missing_payment_method]", null, "cancel",
                            "create_invoice", "pause"));
        }
        EmulatorContext.applyMetadata(subscription, params);
        boolean updated = ctx.publishUpdate("customer.subscription.updated", before, subscription, origin);
        engine.publishAll(invoiceEvents, origin);
        if (updated) {
            ctx.subscriptionsChanged(subscription.get("customer").asText(), origin);
        }
    }

    /** {@code pause_collection}: an empty string resumes collection; else a behaviour and an optional resume time. */
    private void pauseCollection(ObjectNode subscription, FormParams params) {
        if (params.cleared("pause_collection")) {
            subscription.putNull("pause_collection");
            return;
        }
        FormParams pause = params.sub("pause_collection");
        String behavior = pause.oneOf("behavior", null, "keep_as_draft", "mark_uncollectible", "void");
        if (behavior == null) {
            throw StripeApiException.missingParameter("pause_collection[behavior]");
        }
        ObjectNode node = Json.object();
        node.put("behavior", behavior);
        String resumesAt = pause.string("resumes_at");
        if (resumesAt == null || resumesAt.isEmpty()) {
            node.putNull("resumes_at");
        } else {
            long at = pause.integer("resumes_at");
            if (at <= ctx.now()) {
                throw StripeApiException.invalid("pause_collection[resumes_at]",
                        "pause_collection[resumes_at] must be in the future.");
            }
            node.put("resumes_at", at);
        }
        subscription.set("pause_collection", node);
    }

    /** {@code POST /v1/subscriptions/{id}/resume}: only a {@code paused} subscription can be resumed. */
    private ApiResponse resume(ApiRequest request) {
        ObjectNode subscription = find(request.path("id"), "id");
        FormParams params = request.params();
        String anchor = params.oneOf("billing_cycle_anchor", "now", "now", "unchanged");
        params.oneOf("proration_behavior", null, "always_invoice", "create_prorations", "none");
        params.integer("proration_date");
        if (!"paused".equals(subscription.get("status").asText())) {
            throw StripeApiException.invalid(null, "Subscription " + subscription.get("id").asText()
                    + " is not paused: only a subscription with status=paused can be resumed.");
        }
        engine.resume(subscription, "now".equals(anchor), request.origin());
        return ApiResponse.ok(ctx.render(subscription, request.expand()));
    }

    /**
     * Applies {@code items} changes to the subscription (pass a copy to only check them); an interval change is
     * allowed only on a single-item subscription, as Stripe allows it.
     */
    void updateItems(ObjectNode subscription, List<FormParams> changes) {
        ArrayNode items = (ArrayNode) subscription.get("items").get("data");
        JsonNode first = items.get(0);
        for (FormParams change : changes) {
            String itemId = change.string("id");
            ObjectNode item = null;
            int index = -1;
            if (itemId != null) {
                for (int i = 0; i < items.size(); i++) {
                    if (itemId.equals(items.get(i).get("id").asText())) {
                        item = (ObjectNode) items.get(i);
                        index = i;
                    }
                }
                if (item == null) {
                    throw StripeApiException.noSuch("subscription item", itemId, change.qualified("id"));
                }
            }
            if (Boolean.TRUE.equals(change.bool("deleted"))) {
                if (item == null) {
                    throw StripeApiException.missingParameter(change.qualified("id"));
                }
                items.remove(index);
                continue;
            }
            ObjectNode price = null;
            if (change.string("price") != null) {
                price = ctx.store.referenced("price", change.string("price"), "price", change.qualified("price"));
                if (!"recurring".equals(price.get("type").asText())) {
                    throw StripeApiException.invalid(change.qualified("price"), "The price specified is set to"
                            + " `type=one_time` but this field only accepts prices with `type=recurring`.");
                }
                if (!price.get("active").asBoolean()) {
                    throw StripeApiException.invalid(change.qualified("price"),
                            "The price specified is inactive. This field only accepts active prices.");
                }
                JsonNode reference = first.get("price");
                boolean soleItem = items.size() == 1 && item != null;
                if (!price.get("currency").equals(reference.get("currency")) || !soleItem
                        && !price.get("recurring").get("interval").equals(reference.get("recurring").get("interval"))) {
                    throw StripeApiException.invalid(change.qualified("price"), "Currency and interval fields must"
                            + " match across all plans on this subscription. Found mismatch in interval field.");
                }
            }
            Long quantity = change.integer("quantity");
            if (quantity != null && quantity < 0) {
                throw StripeApiException.invalid(change.qualified("quantity"),
                        "This value must be greater than or equal to 0.");
            }
            boolean metered = StripeObjects.metered(price != null ? price : item == null ? Json.object()
                    : item.get("price"));
            if (metered && quantity != null) {
                String param = change.qualified("quantity");
                throw StripeApiException.invalid(param, "Quantity should not be specified where usage_type is"
                        + " `metered`. Remove quantity from `" + param.substring(0, param.length()
                        - "[quantity]".length()) + "`.");
            }
            if (item == null) {
                if (price == null) {
                    throw StripeApiException.missingParameter(change.qualified("price"));
                }
                item = StripeObjects.subscriptionItem(Ids.next("si"), ctx.now(), subscription.get("id").asText(),
                        price, quantity == null ? 1 : quantity, first.get("current_period_start").asLong(),
                        first.get("current_period_end").asLong());
                items.add(item);
            } else {
                boolean wasMetered = StripeObjects.metered(item.get("price"));
                if (price != null) {
                    BillingEngine.changePrice(item, price);
                }
                if (metered) {
                    item.putNull("quantity");
                } else if (quantity != null) {
                    item.put("quantity", quantity);
                } else if (wasMetered) {
                    item.put("quantity", 1);
                }
            }
            EmulatorContext.applyMetadata(item, change);
        }
        if (items.isEmpty()) {
            throw StripeApiException.invalid("items", "A subscription must have at least one active plan.");
        }
    }

    private ApiResponse cancel(ApiRequest request) {
        ObjectNode subscription = find(request.path("id"), "id");
        if ("canceled".equals(subscription.get("status").asText())) {
            throw StripeApiException.noSuch("subscription", request.path("id"), "id");
        }
        request.params().bool("invoice_now");
        request.params().bool("prorate");
        FormParams details = request.params().sub("cancellation_details");
        ObjectNode cancellation = (ObjectNode) subscription.get("cancellation_details");
        if (details.string("comment") != null) {
            cancellation.put("comment", details.string("comment"));
        }
        if (details.string("feedback") != null) {
            cancellation.put("feedback", details.string("feedback"));
        }
        engine.cancelNow(subscription, ctx.now(), "cancellation_requested", request.origin());
        return ApiResponse.ok(ctx.render(subscription, request.expand()));
    }

    private ApiResponse listItems(ApiRequest request) {
        String subscriptionId = request.params().require("subscription");
        ObjectNode subscription = find(subscriptionId, "subscription");
        List<ObjectNode> items = new ArrayList<>();
        JsonNode data = subscription.get("items").get("data");
        for (int i = data.size() - 1; i >= 0; i--) {
            items.add((ObjectNode) data.get(i));
        }
        return ApiResponse.ok(ListPager.page(items, request.params(),
                "/v1/subscription_items?subscription=" + subscriptionId, "subscription item",
                i -> ctx.render(i, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveItem(ApiRequest request) {
        String id = request.path("id");
        for (ObjectNode subscription : ctx.store.all("subscription", s -> true)) {
            for (JsonNode item : subscription.get("items").get("data")) {
                if (id.equals(item.get("id").asText())) {
                    return ApiResponse.ok(ctx.render((ObjectNode) item, request.expand()));
                }
            }
        }
        throw StripeApiException.noSuch("subscription item", id, "id");
    }
}
