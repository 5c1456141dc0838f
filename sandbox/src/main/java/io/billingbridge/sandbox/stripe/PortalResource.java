package io.billingbridge.sandbox.stripe;

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
                "locale", "on_behalf_of"), this::createSession);
        router.add("POST", "/v1/billing_portal/configurations", ParamSpec.of("business_profile[**]",
                "default_return_url", "features[**]", "login_page[enabled]", "metadata", "metadata[*]", "name"),
                this::createConfiguration);
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
        String returnUrl = params.string("return_url");
        if (returnUrl != null && !returnUrl.matches("(?i)https?://\\S+")) {
            throw StripeApiException.invalid("url_invalid", "return_url", "Not a valid URL");
        }
        String id = Ids.next("bps");
        ObjectNode session = StripeObjects.portalSession(id, ctx.now(), customer,
                configuration.get("id").asText(), ctx.baseUrl() + "/billing-portal/" + id);
        session.put("return_url", returnUrl != null ? returnUrl : Json.text(configuration, "default_return_url"));
        session.put("locale", params.string("locale"));
        session.put("on_behalf_of", params.string("on_behalf_of"));
        ctx.store.put(session);
        return ApiResponse.ok(ctx.render(session, request.expand()));
    }

    private ApiResponse createConfiguration(ApiRequest request) {
        FormParams params = request.params();
        ObjectNode configuration = StripeObjects.portalConfiguration(Ids.next("bpc"), ctx.now(), false);
        configuration.put("default_return_url", params.string("default_return_url"));
        configuration.put("name", params.string("name"));
        ObjectNode profile = (ObjectNode) configuration.get("business_profile");
        FormParams business = params.sub("business_profile");
        for (String key : business.keys()) {
            profile.put(key, business.string(key));
        }
        EmulatorContext.applyMetadata(configuration, params);
        ctx.store.put(configuration);
        return ApiResponse.ok(ctx.render(configuration, request.expand()));
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
