package io.billingbridge.http;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.StartCheckoutCommand;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.portal.OpenBillingPortal;
import io.billingbridge.core.portal.OpenBillingPortalCommand;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.SyncAfterCheckout;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The frontend API: prices, the owner's billing data, and checkout and portal sessions. */
@Path("/v1/billing")
@RequiresSession
@Produces(MediaType.APPLICATION_JSON)
public final class BillingResource {
    private final Catalog catalog;
    private final GetBillingSnapshot reads;
    private final StartCheckout checkout;
    private final SyncAfterCheckout afterCheckout;
    private final OpenBillingPortal portal;

    public BillingResource(Catalog catalog, GetBillingSnapshot reads, StartCheckout checkout,
            SyncAfterCheckout afterCheckout, OpenBillingPortal portal) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.afterCheckout = Objects.requireNonNull(afterCheckout, "afterCheckout");
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    /** The body of {@code POST /checkout-sessions}. */
    public record CheckoutBody(String owner, String organizationId, String price, Long quantity, String successUrl,
            String cancelUrl) {
    }

    /** The body of {@code POST /portal-sessions}. */
    public record PortalBody(String owner, String organizationId, String returnUrl) {
    }

    @GET
    @Path("/prices")
    public Map<String, Object> prices(@QueryParam("owner") String owner) {
        OwnerType type = OwnerType.fromWireName(owner == null ? "" : owner)
                .orElseThrow(() -> new InvalidRequest("invalid_owner", "owner must be 'user' or 'organization'", "owner"));
        return Json.list(catalog.purchasable(type).stream().map(Json::price).toList());
    }

    @GET
    @Path("/customer")
    public Map<String, Object> customer(@Context ContainerRequestContext request, @QueryParam("owner") String owner,
            @QueryParam("organizationId") String organizationId) {
        Principal principal = SessionAuthFilter.principal(request);
        return Json.billing(reads.read(principal, owner, Optional.ofNullable(organizationId)));
    }

    @POST
    @Path("/checkout-sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startCheckout(@Context ContainerRequestContext request, CheckoutBody body) {
        CheckoutBody b = required(body);
        CheckoutSession session = checkout.start(SessionAuthFilter.principal(request), new StartCheckoutCommand(
                b.owner(), Optional.ofNullable(b.organizationId()), b.price(), Optional.ofNullable(b.quantity()),
                b.successUrl(), b.cancelUrl()));
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", session.id().value());
        created.put("url", session.url().map(Object::toString).orElse(null));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("/checkout-sessions/{id}/sync")
    public Map<String, Object> syncAfterCheckout(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return Json.billing(afterCheckout.sync(SessionAuthFilter.principal(request), id));
    }

    @POST
    @Path("/portal-sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response openPortal(@Context ContainerRequestContext request, PortalBody body) {
        PortalBody b = required(body);
        PortalSession session = portal.open(SessionAuthFilter.principal(request), new OpenBillingPortalCommand(
                b.owner(), Optional.ofNullable(b.organizationId()), b.returnUrl()));
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("id", session.id(), "url", session.url().toString()))
                .build();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidRequest("parameter_missing", "a JSON body is required");
        }
        return body;
    }
}
