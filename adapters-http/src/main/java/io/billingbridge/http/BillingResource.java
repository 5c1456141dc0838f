package io.billingbridge.http;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.StartCheckoutCommand;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.lifecycle.CancelSubscription;
import io.billingbridge.core.lifecycle.CancelSubscriptionCommand;
import io.billingbridge.core.lifecycle.ChangePlan;
import io.billingbridge.core.lifecycle.PlanChangeCommand;
import io.billingbridge.core.lifecycle.PreviewPlanChange;
import io.billingbridge.core.lifecycle.ResumeSubscription;
import io.billingbridge.core.lifecycle.ResumeSubscriptionCommand;
import io.billingbridge.core.lifecycle.WithdrawScheduledChange;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.portal.OpenBillingPortal;
import io.billingbridge.core.portal.OpenBillingPortalCommand;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.SyncAfterCheckout;
import io.billingbridge.http.api.Billing;
import io.billingbridge.http.api.CheckoutSession;
import io.billingbridge.http.api.PlanChangePreview;
import io.billingbridge.http.api.PortalSession;
import io.billingbridge.http.api.Price;
import io.billingbridge.http.api.PriceList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Providers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The frontend API: prices, the owner's billing data, checkout and portal sessions, plan changes, cancel and resume. */
@Path("/v1/billing")
@RequiresSession
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ApiDocument.SESSION_TOKEN)
@SecurityRequirement(name = ApiDocument.SESSION_COOKIE)
public final class BillingResource {
    /** How many rendered bodies are kept (one per owner and detail level read lately, one per owner type's prices). */
    private static final int RENDERED_BODIES = 2_048;
    private static final String OWNER = "Whose billing: 'user' (the caller) or 'organization'.";
    private static final String ORGANIZATION = "The organization, when owner is 'organization'; "
            + "defaults to the session's active organization.";
    private static final String IF_NONE_MATCH = "The ETag of the body the client holds; answered 304 without a body "
            + "when it is still current for this caller.";
    private static final String NOT_MODIFIED = "Not modified: the body named by If-None-Match is still current for "
            + "this caller; no body.";
    private final Catalog catalog;
    private final GetBillingSnapshot reads;
    private final StartCheckout checkout;
    private final SyncAfterCheckout afterCheckout;
    private final OpenBillingPortal portal;
    private final PlanChanges planChanges;
    private final CancelSubscription cancel;
    private final ResumeSubscription resume;
    /** The last rendered body of each owner's read (per detail level) and of each owner type's prices. */
    private final ConditionalGet conditional = new ConditionalGet(RENDERED_BODIES);

    public BillingResource(Catalog catalog, GetBillingSnapshot reads, StartCheckout checkout,
            SyncAfterCheckout afterCheckout, OpenBillingPortal portal, PlanChanges planChanges,
            CancelSubscription cancel, ResumeSubscription resume) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.afterCheckout = Objects.requireNonNull(afterCheckout, "afterCheckout");
        this.portal = Objects.requireNonNull(portal, "portal");
        this.planChanges = Objects.requireNonNull(planChanges, "planChanges");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.resume = Objects.requireNonNull(resume, "resume");
    }

    /** The plan change use cases: preview, change, and withdrawal of a scheduled change. */
    public record PlanChanges(PreviewPlanChange preview, ChangePlan change, WithdrawScheduledChange withdraw) {
        public PlanChanges {
            Objects.requireNonNull(preview, "preview");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(withdraw, "withdraw");
        }
    }

    /**
     * The body of {@code POST /subscriptions/{id}/change-preview} and {@code .../change}; quantity must be a JSON
     * integer; {@code prorationDate} is the preview's, as an ISO-8601 instant.
     */
    public record PlanChangeBody(String owner, String organizationId, String price,
            @JsonDeserialize(using = JsonWholeNumber.class) Long quantity,
            @Schema(allowableValues = {"now", "period_end"}) String when, String prorationDate) {
    }

    /**
     * The body of {@code POST /subscriptions/{id}/cancel}.
     *
     * @param at {@code period_end} (keeps access until then; can be resumed) or {@code now}
     * @param reason why, in the customer's words or one of Stripe's feedback values (at most 500 characters;
     *     stored in Stripe only)
     */
    public record CancelBody(String owner, String organizationId,
            @Schema(allowableValues = {"period_end", "now"}, requiredMode = Schema.RequiredMode.REQUIRED) String at,
            @Schema(maxLength = 500) String reason) {
    }

    /** The body of {@code POST /subscriptions/{id}/resume}. */
    public record ResumeBody(String owner, String organizationId) {
    }

    /** The body of {@code POST /checkout-sessions}; quantity must be a JSON integer, not 2.5 or "3". */
    public record CheckoutBody(String owner, String organizationId, String price,
            @JsonDeserialize(using = JsonWholeNumber.class) Long quantity, String successUrl, String cancelUrl,
            @Schema(description = "A promotion code the buyer typed (such as WELCOME20); refused with 400"
                    + " promotion_code_invalid when it does not exist, is inactive or expired, or is not for this"
                    + " customer.") String promotionCode,
            @Schema(description = "The metered add-ons (price ids or lookup keys) to buy with the price, each one the"
                    + " price allows (else 400 add_on_not_allowed); when absent, every add-on the price allows is"
                    + " added. Metered prices take no quantity.") List<String> addOns) {
    }

    /**
     * The body of {@code POST /portal-sessions}.
     *
     * @param flow open straight on one step: {@code payment_method_update}, {@code subscription_cancel} or
     *     {@code subscription_update}
     * @param subscription the owner's subscription a subscription flow acts on
     */
    public record PortalBody(String owner, String organizationId, String returnUrl,
            @Schema(allowableValues = {"payment_method_update", "subscription_cancel", "subscription_update"})
            String flow, String subscription) {
    }

    @GET
    @Path("/prices")
    @Operation(summary = "The prices the owner type can buy", responses = {
        @ApiResponse(responseCode = "200", description = "The purchasable prices, with an ETag.",
                content = @Content(schema = @Schema(implementation = PriceList.class))),
        @ApiResponse(responseCode = "304", description = NOT_MODIFIED),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public Response prices(@Context Providers providers, @Parameter(description = OWNER, required = true,
            schema = @Schema(allowableValues = {"user", "organization"})) @QueryParam("owner") String owner,
            @Parameter(description = IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        OwnerType type = OwnerType.fromWireName(owner == null ? "" : owner)
                .orElseThrow(() -> new InvalidRequest("invalid_owner", "owner must be 'user' or 'organization'", "owner"));
        PriceList prices = PriceList.of(catalog.purchasable(type).stream().map(Price::of).toList());
        return conditional.answer(providers, PriceList.class, prices, "prices " + type.wireName(), ifNoneMatch);
    }

    @GET
    @Path("/customer")
    @Operation(summary = "The owner's billing data, from the stored snapshot", responses = {
        @ApiResponse(responseCode = "200", description = "The billing data, with an ETag; invoices, payments and "
                + "payment methods only for callers who may read details.",
                content = @Content(schema = @Schema(implementation = Billing.class))),
        @ApiResponse(responseCode = "304", description = NOT_MODIFIED),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Response customer(@Context ContainerRequestContext request, @Context Providers providers,
            @Parameter(description = OWNER, required = true,
                    schema = @Schema(allowableValues = {"user", "organization"})) @QueryParam("owner") String owner,
            @Parameter(description = ORGANIZATION) @QueryParam("organizationId") String organizationId,
            @Parameter(description = IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Principal principal = SessionAuthFilter.principal(request);
        BillingView view = reads.read(principal, owner, Optional.ofNullable(organizationId));
        String scope = "customer " + view.owner().key() + (view.invoices().isPresent() ? " details" : " plan");
        return conditional.answer(providers, Billing.class, view, Billing::of, scope, ifNoneMatch);
    }

    @POST
    @Path("/checkout-sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a Stripe Checkout session for the owner", responses = {
        @ApiResponse(responseCode = "201", description = "The session; send the browser to its url.",
                content = @Content(schema = @Schema(implementation = CheckoutSession.class))),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Response startCheckout(@Context ContainerRequestContext request, CheckoutBody body) {
        CheckoutBody b = required(body);
        CheckoutSession session = CheckoutSession.of(checkout.start(SessionAuthFilter.principal(request),
                new StartCheckoutCommand(b.owner(), Optional.ofNullable(b.organizationId()), b.price(),
                        Optional.ofNullable(b.quantity()), b.successUrl(), b.cancelUrl(),
                        Optional.ofNullable(b.promotionCode()), Optional.ofNullable(b.addOns()))));
        return Response.status(Response.Status.CREATED).entity(session).build();
    }

    @POST
    @Path("/checkout-sessions/{id}/sync")
    @Operation(summary = "Sync the owner's billing data after a completed Checkout session", responses = {
        @ApiResponse(responseCode = "200", description = "The owner's billing data, synced from Stripe."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Billing syncAfterCheckout(@Context ContainerRequestContext request,
            @Parameter(description = "The Checkout session id (cs_...).") @PathParam("id") String id) {
        return Billing.of(afterCheckout.sync(SessionAuthFilter.principal(request), id));
    }

    @POST
    @Path("/portal-sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a Stripe billing portal session for the owner", responses = {
        @ApiResponse(responseCode = "201", description = "The session; send the browser to its url.",
                content = @Content(schema = @Schema(implementation = PortalSession.class))),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Response openPortal(@Context ContainerRequestContext request, PortalBody body) {
        PortalBody b = required(body);
        PortalSession session = PortalSession.of(portal.open(SessionAuthFilter.principal(request),
                new OpenBillingPortalCommand(b.owner(), Optional.ofNullable(b.organizationId()), b.returnUrl(),
                        Optional.ofNullable(b.flow()), Optional.ofNullable(b.subscription()))));
        return Response.status(Response.Status.CREATED).entity(session).build();
    }

    @POST
    @Path("/subscriptions/{id}/change-preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a change of the owner's subscription to another price", responses = {
        @ApiResponse(responseCode = "200", description = "What the change costs and when it takes effect; nothing "
                + "is changed."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public PlanChangePreview previewPlanChange(@Context ContainerRequestContext request,
            @Parameter(description = "The subscription id (sub_...).") @PathParam("id") String id,
            PlanChangeBody body) {
        return PlanChangePreview.of(planChanges.preview().preview(SessionAuthFilter.principal(request),
                command(id, required(body))));
    }

    @POST
    @Path("/subscriptions/{id}/change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the owner's subscription to another price, now or at the period end", responses = {
        @ApiResponse(responseCode = "200", description = "The owner's billing data, synced from Stripe after the "
                + "change."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "402", ref = ApiDocument.PAYMENT_FAILED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Billing changePlan(@Context ContainerRequestContext request,
            @Parameter(description = "The subscription id (sub_...).") @PathParam("id") String id,
            PlanChangeBody body) {
        return Billing.of(planChanges.change().change(SessionAuthFilter.principal(request),
                command(id, required(body))));
    }

    @DELETE
    @Path("/subscriptions/{id}/scheduled-change")
    @Operation(summary = "Withdraw the plan change scheduled for the end of the period", responses = {
        @ApiResponse(responseCode = "200", description = "The owner's billing data, synced from Stripe after the "
                + "withdrawal."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Billing withdrawScheduledChange(@Context ContainerRequestContext request,
            @Parameter(description = "The subscription id (sub_...).") @PathParam("id") String id,
            @Parameter(description = OWNER, required = true,
                    schema = @Schema(allowableValues = {"user", "organization"})) @QueryParam("owner") String owner,
            @Parameter(description = ORGANIZATION) @QueryParam("organizationId") String organizationId) {
        return Billing.of(planChanges.withdraw().withdraw(SessionAuthFilter.principal(request), owner,
                Optional.ofNullable(organizationId), id));
    }

    private static PlanChangeCommand command(String id, PlanChangeBody b) {
        Optional<Instant> prorationDate;
        try {
            prorationDate = Optional.ofNullable(b.prorationDate()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("invalid_proration_date", "prorationDate must be an ISO-8601 instant such as "
                    + "2026-11-26T12:00:00Z", "prorationDate");
        }
        return new PlanChangeCommand(b.owner(), Optional.ofNullable(b.organizationId()), id, b.price(),
                Optional.ofNullable(b.quantity()), Optional.ofNullable(b.when()), prorationDate);
    }

    @POST
    @Path("/subscriptions/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel the owner's subscription at the end of its period or now", responses = {
        @ApiResponse(responseCode = "200", description = "The owner's billing data, synced from Stripe."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Billing cancelSubscription(@Context ContainerRequestContext request,
            @Parameter(description = "The subscription id (sub_...).") @PathParam("id") String id, CancelBody body) {
        CancelBody b = required(body);
        return Billing.of(cancel.cancel(SessionAuthFilter.principal(request), new CancelSubscriptionCommand(b.owner(),
                Optional.ofNullable(b.organizationId()), id, b.at(), Optional.ofNullable(b.reason()))));
    }

    @POST
    @Path("/subscriptions/{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume the owner's subscription: withdraw its scheduled cancellation, or resume it when "
            + "paused", responses = {
        @ApiResponse(responseCode = "200", description = "The owner's billing data, synced from Stripe."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Billing resumeSubscription(@Context ContainerRequestContext request,
            @Parameter(description = "The subscription id (sub_...).") @PathParam("id") String id, ResumeBody body) {
        ResumeBody b = required(body);
        return Billing.of(resume.resume(SessionAuthFilter.principal(request), new ResumeSubscriptionCommand(b.owner(),
                Optional.ofNullable(b.organizationId()), id)));
    }


    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidRequest("parameter_missing", "a JSON body is required");
        }
        return body;
    }
}
