package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code /v1/events} (list, retrieve) and {@code /v1/webhook_endpoints}. */
final class EventResource {

    private final EmulatorContext ctx;

    EventResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "/v1/events", ParamSpec.list("type", "types[#]", "delivery_success"), this::listEvents);
        router.add("GET", "/v1/events/{id}", ParamSpec.of(), this::retrieveEvent);
        router.add("POST", "/v1/webhook_endpoints", ParamSpec.of("url", "enabled_events[#]", "description",
                "metadata", "metadata[*]", "api_version", "connect"), this::createEndpoint);
        router.add("GET", "/v1/webhook_endpoints", ParamSpec.of("limit", "starting_after", "ending_before"),
                this::listEndpoints);
        router.add("GET", "/v1/webhook_endpoints/{id}", ParamSpec.of(), this::retrieveEndpoint);
        router.add("POST", "/v1/webhook_endpoints/{id}", ParamSpec.of("url", "enabled_events[#]", "description",
                "metadata", "metadata[*]", "disabled"), this::updateEndpoint);
        router.add("DELETE", "/v1/webhook_endpoints/{id}", ParamSpec.of(), this::deleteEndpoint);
    }

    private static boolean typeMatches(String pattern, String type) {
        if (pattern.endsWith("*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    private ApiResponse listEvents(ApiRequest request) {
        FormParams params = request.params();
        String type = params.string("type");
        List<String> types = params.list("types");
        if (type != null && !types.isEmpty()) {
            throw StripeApiException.invalid("types", "You may only specify one of these parameters: type, types.");
        }
        List<ObjectNode> events = ctx.store.all("event", e -> (type == null
                || typeMatches(type, e.get("type").asText()))
                && (types.isEmpty() || types.contains(e.get("type").asText())));
        return ApiResponse.ok(ListPager.page(events, params, "/v1/events", "event",
                e -> ctx.render(e, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveEvent(ApiRequest request) {
        return ApiResponse.ok(ctx.render(ctx.store.get("event", request.path("id"), "event", "id"),
                request.expand()));
    }

    private static ArrayNode enabledEvents(FormParams params) {
        List<String> events = params.list("enabled_events");
        if (events.isEmpty()) {
            throw StripeApiException.missingParameter("enabled_events");
        }
        ArrayNode array = Json.array();
        events.forEach(array::add);
        return array;
    }

    private static String url(FormParams params) {
        String url = params.require("url");
        if (!url.matches("(?i)https?://\\S+")) {
            throw StripeApiException.invalid("url_invalid", "url", "Invalid URL: " + url);
        }
        return url;
    }

    /** Registers an endpoint with the given secret; used by the API and for endpoints configured at start. */
    ObjectNode register(String url, String secret, ArrayNode enabledEvents) {
        ObjectNode endpoint = StripeObjects.webhookEndpoint(Ids.next("we"), ctx.now(), url, enabledEvents);
        ctx.store.put(endpoint);
        ctx.store.putWebhookSecret(endpoint.get("id").asText(), secret);
        return endpoint;
    }

    private ApiResponse createEndpoint(ApiRequest request) {
        FormParams params = request.params();
        String apiVersion = params.string("api_version");
        if (apiVersion != null && !StripeEmulatorConfig.API_VERSION.equals(apiVersion)) {
            throw StripeApiException.invalid("api_version", "The sandbox emulator only sends events in API version "
                    + StripeEmulatorConfig.API_VERSION + ".");
        }
        params.bool("connect");
        String secret = Ids.webhookSecret();
        ObjectNode endpoint = register(url(params), secret, enabledEvents(params));
        endpoint.put("description", params.string("description"));
        EmulatorContext.applyMetadata(endpoint, params);
        ObjectNode out = ctx.render(endpoint, request.expand());
        out.put("secret", secret);
        return ApiResponse.ok(out);
    }

    private ObjectNode find(ApiRequest request) {
        return ctx.store.get("webhook_endpoint", request.path("id"), "webhook endpoint", "id");
    }

    private ApiResponse listEndpoints(ApiRequest request) {
        return ApiResponse.ok(ListPager.page(ctx.store.all("webhook_endpoint", e -> true), request.params(),
                "/v1/webhook_endpoints", "webhook endpoint", e -> ctx.render(e, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveEndpoint(ApiRequest request) {
        return ApiResponse.ok(ctx.render(find(request), request.expand()));
    }

    private ApiResponse updateEndpoint(ApiRequest request) {
        FormParams params = request.params();
        ObjectNode endpoint = find(request);
        if (params.string("url") != null) {
            endpoint.put("url", url(params));
        }
        if (params.has("enabled_events")) {
            endpoint.set("enabled_events", enabledEvents(params));
        }
        if (params.string("description") != null) {
            endpoint.put("description", params.string("description"));
        }
        Boolean disabled = params.bool("disabled");
        if (disabled != null) {
            endpoint.put("status", disabled ? "disabled" : "enabled");
        }
        EmulatorContext.applyMetadata(endpoint, params);
        return ApiResponse.ok(ctx.render(endpoint, request.expand()));
    }

    private ApiResponse deleteEndpoint(ApiRequest request) {
        ObjectNode endpoint = find(request);
        ObjectNode deleted = Json.object();
        deleted.set("id", endpoint.get("id"));
        deleted.put("object", "webhook_endpoint");
        deleted.put("deleted", true);
        ctx.store.put(deleted);
        return ApiResponse.ok(deleted.deepCopy());
    }
}
