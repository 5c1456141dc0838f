package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Billing meters ({@code /v1/billing/meters}), meter events ({@code /v1/billing/meter_events}) and meter event
 * summaries ({@code /v1/billing/meters/{id}/event_summaries}).
 *
 * <p>Stripe validates a meter event's customer and value asynchronously (failures reach the account as
 * {@code v1.billing.meter.error_report_triggered}); the emulator refuses such an event at once instead, so that a
 * test sees the mistake where it was made. Aggregation here is immediate, where Stripe's is eventually consistent.
 */
final class MeterResource {

    /** Stripe accepts events up to 35 calendar days old. */
    static final long MAX_AGE_SECONDS = 35L * 86_400;
    /** Stripe accepts events up to 5 minutes ahead of its clock, for clock drift. */
    static final long MAX_AHEAD_SECONDS = 5L * 60;
    private static final int MAX_IDENTIFIER_LENGTH = 100;

    private final EmulatorContext ctx;

    MeterResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/v1/billing/meters", ParamSpec.of("display_name", "event_name",
                "default_aggregation[formula]", "customer_mapping[event_payload_key]", "customer_mapping[type]",
                "value_settings[event_payload_key]", "event_time_window"), this::create);
        router.add("GET", "/v1/billing/meters", ParamSpec.list("status"), this::list);
        router.add("GET", "/v1/billing/meters/{id}", ParamSpec.of(), this::retrieve);
        router.add("POST", "/v1/billing/meters/{id}", ParamSpec.of("display_name"), this::update);
        router.add("POST", "/v1/billing/meters/{id}/deactivate", ParamSpec.of(), this::deactivate);
        router.add("POST", "/v1/billing/meters/{id}/reactivate", ParamSpec.of(), this::reactivate);
        router.add("GET", "/v1/billing/meters/{id}/event_summaries", ParamSpec.of("customer", "start_time",
                "end_time", "value_grouping_window", "limit", "starting_after", "ending_before"), this::summaries);
        router.add("POST", "/v1/billing/meter_events", ParamSpec.of("event_name", "payload[*]", "identifier",
                "timestamp"), this::createEvent);
    }

    // ---- meters

    private ApiResponse create(ApiRequest request) {
        FormParams params = request.params();
        String displayName = params.require("display_name");
        String eventName = params.require("event_name");
        if (eventName.length() > 100) {
            throw StripeApiException.invalid("event_name", "Event name must be at most 100 characters long.");
        }
        String formula = params.oneOf("default_aggregation[formula]", null, "count", "last", "sum");
        if (formula == null) {
            throw StripeApiException.missingParameter("default_aggregation[formula]");
        }
        params.oneOf("customer_mapping[type]", "by_id", "by_id");
        String customerKey = params.string("customer_mapping[event_payload_key]", "stripe_customer_id");
        String valueKey = params.string("value_settings[event_payload_key]", "value");
        String window = params.oneOf("event_time_window", null, "day", "hour");
        activeMeter(eventName).ifPresent(existing -> {
            throw StripeApiException.invalid("event_name", "An active meter with event_name `" + eventName
                    + "` already exists (" + existing.get("id").asText() + "). Event names must be unique among"
                    + " active meters.");
        });
        ObjectNode meter = StripeObjects.meter(Ids.next("mtr"), ctx.now(), displayName, eventName, formula,
                customerKey, valueKey, window);
        ctx.store.put(meter);
        ctx.events.publish("billing.meter.created", meter, request.origin());
        return ApiResponse.ok(ctx.render(meter, request.expand()));
    }

    private Optional<ObjectNode> activeMeter(String eventName) {
        return ctx.store.all("billing.meter", m -> eventName.equals(m.get("event_name").asText())
                && "active".equals(m.get("status").asText())).stream().findFirst();
    }

    private ObjectNode find(ApiRequest request) {
        return ctx.store.get("billing.meter", request.path("id"), "billing.meter", "id");
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(ctx.render(find(request), request.expand()));
    }

    private ApiResponse list(ApiRequest request) {
        FormParams params = request.params();
        String status = params.oneOf("status", null, "active", "inactive");
        List<ObjectNode> meters = ctx.store.all("billing.meter",
                m -> status == null || status.equals(m.get("status").asText()));
        return ApiResponse.ok(ListPager.page(meters, params, "/v1/billing/meters", "billing.meter",
                m -> ctx.render(m, CustomerResource.dataExpand(request))));
    }

    private ApiResponse update(ApiRequest request) {
        ObjectNode meter = find(request);
        ObjectNode before = meter.deepCopy();
        String displayName = request.params().string("display_name");
        if (displayName != null) {
            meter.put("display_name", request.params().require("display_name"));
            meter.put("updated", ctx.now());
        }
        ctx.publishUpdate("billing.meter.updated", before, meter, request.origin());
        return ApiResponse.ok(ctx.render(meter, request.expand()));
    }

    private ApiResponse deactivate(ApiRequest request) {
        ObjectNode meter = find(request);
        if (!"active".equals(meter.get("status").asText())) {
            throw StripeApiException.invalid(null, "This meter is already inactive.");
        }
        long now = ctx.now();
        meter.put("status", "inactive");
        ((ObjectNode) meter.get("status_transitions")).put("deactivated_at", now);
        meter.put("updated", now);
        ctx.events.publish("billing.meter.deactivated", meter, request.origin());
        return ApiResponse.ok(ctx.render(meter, request.expand()));
    }

    private ApiResponse reactivate(ApiRequest request) {
        ObjectNode meter = find(request);
        if ("active".equals(meter.get("status").asText())) {
            throw StripeApiException.invalid(null, "This meter is already active.");
        }
        String eventName = meter.get("event_name").asText();
        activeMeter(eventName).ifPresent(existing -> {
            throw StripeApiException.invalid(null, "An active meter with event_name `" + eventName
                    + "` already exists (" + existing.get("id").asText() + "). Event names must be unique among"
                    + " active meters.");
        });
        meter.put("status", "active");
        ((ObjectNode) meter.get("status_transitions")).putNull("deactivated_at");
        meter.put("updated", ctx.now());
        ctx.events.publish("billing.meter.reactivated", meter, request.origin());
        return ApiResponse.ok(ctx.render(meter, request.expand()));
    }

    // ---- meter events

    private ApiResponse createEvent(ApiRequest request) {
        FormParams params = request.params();
        String eventName = params.require("event_name");
        Map<String, String> payload = params.map("payload");
        if (payload.isEmpty()) {
            throw StripeApiException.missingParameter("payload");
        }
        long now = ctx.now();
        Long timestamp = params.integer("timestamp");
        long at = timestamp == null ? now : timestamp;
        if (at < now - MAX_AGE_SECONDS) {
            throw StripeApiException.invalid("timestamp", "Timestamp must be within the past 35 calendar days.");
        }
        if (at > now + MAX_AHEAD_SECONDS) {
            throw StripeApiException.invalid("timestamp", "Timestamp must not be more than 5 minutes in the"
                    + " future.");
        }
        String identifier = params.string("identifier");
        if (identifier == null || identifier.isEmpty()) {
            identifier = Ids.random(32);
        } else if (identifier.length() > MAX_IDENTIFIER_LENGTH) {
            throw StripeApiException.invalid("identifier", "Identifier must be at most 100 characters long.");
        }
        ObjectNode meter = activeMeter(eventName).orElseThrow(() -> StripeApiException.invalid("event_name",
                "No active meter was found with event_name `" + eventName + "`."));
        String customerKey = meter.get("customer_mapping").get("event_payload_key").asText();
        String customerId = payload.get(customerKey);
        if (customerId == null || customerId.isEmpty()) {
            throw StripeApiException.invalid("payload[" + customerKey + "]", "The payload must contain `"
                    + customerKey + "`, which maps the event to a customer.");
        }
        ctx.store.referenced("customer", customerId, "customer", "payload[" + customerKey + "]");
        String formula = meter.get("default_aggregation").get("formula").asText();
        String valueKey = meter.get("value_settings").get("event_payload_key").asText();
        BigDecimal value = value(payload.get(valueKey), valueKey, !"count".equals(formula));
        if (ctx.meters.identifierTaken(identifier, now)) {
            throw StripeApiException.invalid("identifier", "An event already exists with identifier " + identifier
                    + ".");
        }
        ctx.meters.record(meter.get("id").asText(), customerId, identifier, at, value, now);
        ObjectNode body = StripeObjects.meterEvent(now, eventName, identifier, Json.map(payload), at);
        return ApiResponse.ok(body);
    }

    private static BigDecimal value(String raw, String key, boolean required) {
        if (raw == null || raw.isEmpty()) {
            if (required) {
                throw StripeApiException.invalid("payload[" + key + "]", "The payload must contain `" + key
                        + "`, the event's numeric value.");
            }
            return BigDecimal.ONE;
        }
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw StripeApiException.invalid("payload[" + key + "]", "The value of `" + key
                    + "` must be a number, passed as a string.");
        }
    }

    // ---- event summaries

    private ApiResponse summaries(ApiRequest request) {
        ObjectNode meter = find(request);
        FormParams params = request.params();
        String customer = params.require("customer");
        ctx.store.referenced("customer", customer, "customer", "customer");
        long start = requireTime(params, "start_time");
        long end = requireTime(params, "end_time");
        if (start % 60 != 0) {
            throw StripeApiException.invalid("start_time", "start_time must be aligned with minute boundaries.");
        }
        if (end % 60 != 0) {
            throw StripeApiException.invalid("end_time", "end_time must be aligned with minute boundaries.");
        }
        if (end <= start) {
            throw StripeApiException.invalid("end_time", "end_time must be after start_time.");
        }
        String grouping = params.oneOf("value_grouping_window", null, "day", "hour");
        long step = grouping == null ? 0 : "hour".equals(grouping) ? 3600 : 86_400;
        if (step > 0 && (start % step != 0 || end % step != 0)) {
            throw StripeApiException.invalid("value_grouping_window", "For " + ("hour".equals(grouping) ? "hourly"
                    : "daily") + " granularity, start_time and end_time must be aligned with " + grouping
                    + " boundaries (UTC).");
        }
        String meterId = meter.get("id").asText();
        String formula = meter.get("default_aggregation").get("formula").asText();
        List<ObjectNode> summaries = new ArrayList<>();
        if (step == 0) {
            summaries.add(summary(meterId, customer, formula, start, end));
        } else {
            for (long windowStart = end - step; windowStart >= start; windowStart -= step) {
                if (ctx.meters.any(meterId, customer, windowStart, windowStart + step)) {
                    summaries.add(summary(meterId, customer, formula, windowStart, windowStart + step));
                }
            }
        }
        return ApiResponse.ok(ListPager.page(summaries, params, "/v1/billing/meters/" + meterId
                + "/event_summaries", "billing.meter_event_summary", ObjectNode::deepCopy));
    }

    private ObjectNode summary(String meterId, String customer, String formula, long start, long end) {
        BigDecimal value = ctx.meters.aggregate(meterId, customer, formula, start, end);
        String id = "mtrusg_" + Integer.toUnsignedString((meterId + customer).hashCode(), 36) + "_" + start + "_"
                + end;
        return StripeObjects.meterEventSummary(id, meterId, start, end, plain(value));
    }

    /** A value without trailing zeros or an exponent, so that it renders as {@code 12} or {@code 2.5}. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static long requireTime(FormParams params, String key) {
        Long value = params.integer(key);
        if (value == null) {
            throw StripeApiException.missingParameter(key);
        }
        return value;
    }
}
