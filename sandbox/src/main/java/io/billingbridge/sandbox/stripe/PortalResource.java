package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code /v1/billing_portal/sessions} and {@code /v1/billing_portal/configurations}. */
final class PortalResource {

    private final EmulatorContext ctx;

    PortalResource(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("POST", "/v1/billing_portal/sessions", ParamSpec.of("customer", "return_url", "configuration",
                "locale", "on_behalf_of", "flow_data[**]"), this::createSession);
        router.add("POST", "/v1/billing_portal/configurations", ParamSpec.of("business_profile[**]",
                "default_return_url", "features[**]", "login_page[enabled]", "metadata", "metadata[*]", "name"),
                this::createConfiguration);
        router.add("POST", "/v1/billing_portal/configurations/{id}", ParamSpec.of("active", "business_profile[**]",
                "default_return_url", "features[**]", "login_page[enabled]", "metadata", "metadata[*]", "name"),
                this::updateConfiguration);
        router.add("GET", "/v1/billing_portal/configurations", ParamSpec.of("limit", "starting_after",
                "ending_before", "active", "is_default"), this::listConfigurations);
        router.add("GET", "/v1/billing_portal/configurations/{id}", ParamSpec.of(), this::retrieveConfiguration);
    }

    /** The default configuration, created on first need as in a fresh Stripe account. */
    ObjectNode defaultConfiguration() {
        List<ObjectNode> defaults = ctx.store.all("billing_portal.configuration",
                c -> c.get("is_default").asBoolean());
        if (!defaults.isEmpty()) {
            return defaults.get(0);
        }
        return ctx.store.put(StripeObjects.portalConfiguration(Ids.next("bpc"), ctx.now(), true));
    }

    private ApiResponse createSession(ApiRequest request) {
        FormParams params = request.params();
        String customer = params.require("customer");
        ctx.store.referenced("customer", customer, "customer", "customer");
        String configurationId = params.string("configuration");
        ObjectNode configuration = configurationId == null ? defaultConfiguration()
                : ctx.store.referenced("billing_portal.configuration", configurationId, "configuration", "configuration");
        if (!configuration.get("active").asBoolean()) {
            throw StripeApiException.invalid("configuration", "The configuration " + configuration.get("id").asText()
                    + " is inactive. Only active configurations can be used to create a portal session.");
        }
        String returnUrl = params.string("return_url");
        if (returnUrl != null && !returnUrl.matches("(?i)https?://\\S+")) {
            throw StripeApiException.invalid("url_invalid", "return_url", "Not a valid URL");
        }
        ObjectNode flow = params.has("flow_data") ? PortalFlows.flow(ctx, params.sub("flow_data"), customer,
                configuration) : null;
        String id = Ids.next("bps");
        ObjectNode session = StripeObjects.portalSession(id, ctx.now(), customer,
                configuration.get("id").asText(), ctx.baseUrl() + "/billing-portal/" + id);
        session.put("return_url", returnUrl != null ? returnUrl : Json.text(configuration, "default_return_url"));
        session.put("locale", params.string("locale"));
        session.put("on_behalf_of", params.string("on_behalf_of"));
        if (flow != null) {
            session.set("flow", flow);
        }
        ctx.store.put(session);
        return ApiResponse.ok(ctx.render(session, request.expand()));
    }

    private ApiResponse createConfiguration(ApiRequest request) {
        FormParams params = request.params();
        if (!params.has("features")) {
            throw StripeApiException.missingParameter("features");
        }
        ObjectNode configuration = StripeObjects.portalConfiguration(Ids.next("bpc"), ctx.now(), false);
        for (JsonNode feature : configuration.get("features")) {
            ((ObjectNode) feature).put("enabled", false);
        }
        applyConfiguration(configuration, params);
        ctx.store.put(configuration);
        return ApiResponse.ok(ctx.render(configuration, request.expand()));
    }

    private ApiResponse updateConfiguration(ApiRequest request) {
        ObjectNode configuration = ctx.store.get("billing_portal.configuration", request.path("id"),
                "configuration", "id");
        FormParams params = request.params();
        Boolean active = params.bool("active");
        if (active != null) {
            if (!active && configuration.get("is_default").asBoolean()) {
                throw StripeApiException.invalid("active", "The default configuration cannot be deactivated.");
            }
            configuration.put("active", active);
        }
        applyConfiguration(configuration, params);
        configuration.put("updated", ctx.now());
        return ApiResponse.ok(ctx.render(configuration, request.expand()));
    }

    /** The fields create and update share; features are validated whole before anything changes. */
    private void applyConfiguration(ObjectNode configuration, FormParams params) {
        ObjectNode features = PortalFeatures.apply(ctx, (ObjectNode) configuration.get("features").deepCopy(),
                params.sub("features"));
        if (params.string("default_return_url") != null) {
            String url = params.string("default_return_url");
            if (!url.isEmpty() && !url.matches("(?i)https?://\\S+")) {
                throw StripeApiException.invalid("url_invalid", "default_return_url", "Not a valid URL");
            }
            configuration.put("default_return_url", url.isEmpty() ? null : url);
        }
        if (params.string("name") != null) {
            configuration.put("name", params.string("name").isEmpty() ? null : params.string("name"));
        }
        ObjectNode profile = (ObjectNode) configuration.get("business_profile");
        FormParams business = params.sub("business_profile");
        for (String key : business.keys()) {
            if (!List.of("headline", "privacy_policy_url", "terms_of_service_url").contains(key)) {
                throw StripeApiException.unknownParameter(business.qualified(key));
            }
            profile.put(key, business.string(key).isEmpty() ? null : business.string(key));
        }
        Boolean login = params.sub("login_page").bool("enabled");
        if (login != null) {
            ((ObjectNode) configuration.get("login_page")).put("enabled", login);
            ((ObjectNode) configuration.get("login_page")).put("url", login
                    ? ctx.baseUrl() + "/billing-portal/login/" + configuration.get("id").asText() : null);
        }
        EmulatorContext.applyMetadata(configuration, params);
        configuration.set("features", features);
    }

    private ApiResponse listConfigurations(ApiRequest request) {
        defaultConfiguration();
        FormParams params = request.params();
        Boolean active = params.bool("active");
        Boolean isDefault = params.bool("is_default");
        List<ObjectNode> configurations = ctx.store.all("billing_portal.configuration",
                c -> (active == null || c.get("active").asBoolean() == active)
                        && (isDefault == null || c.get("is_default").asBoolean() == isDefault));
        return ApiResponse.ok(ListPager.page(configurations, params, "/v1/billing_portal/configurations",
                "configuration", c -> ctx.render(c, CustomerResource.dataExpand(request))));
    }

    private ApiResponse retrieveConfiguration(ApiRequest request) {
        if (request.path("id").startsWith("bpc_")) {
            defaultConfiguration();
        }
        return ApiResponse.ok(ctx.render(ctx.store.get("billing_portal.configuration", request.path("id"),
                "configuration", "id"), request.expand()));
    }
}
