package io.billingbridge.http;

import io.billingbridge.core.admin.DescribeCaller;
import io.billingbridge.core.admin.InspectAccount;
import io.billingbridge.core.admin.ListAppEvents;
import io.billingbridge.core.admin.ListWebhookEvents;
import io.billingbridge.core.admin.PushCustomerProfile;
import io.billingbridge.core.admin.ReadAuditLog;
import io.billingbridge.core.admin.ReadOwnerAudit;
import io.billingbridge.core.admin.ReadOwnerEvents;
import io.billingbridge.core.admin.RelinkAccount;
import io.billingbridge.core.admin.ResyncAccount;
import io.billingbridge.core.admin.RetryAppEvent;
import io.billingbridge.core.admin.RetryWebhookEvent;
import io.billingbridge.core.admin.SearchAccounts;
import io.billingbridge.core.admin.ShowOverview;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.http.api.AccountDetails;
import io.billingbridge.http.api.AccountSearchResult;
import io.billingbridge.http.api.AdminMe;
import io.billingbridge.http.api.AppEventPage;
import io.billingbridge.http.api.AppEventRetry;
import io.billingbridge.http.api.AppEventRetryBody;
import io.billingbridge.http.api.AuditEntry;
import io.billingbridge.http.api.AuditEntryList;
import io.billingbridge.http.api.AuditEntryPage;
import io.billingbridge.http.api.Overview;
import io.billingbridge.http.api.RelinkBody;
import io.billingbridge.http.api.RetryScheduled;
import io.billingbridge.http.api.WebhookEvent;
import io.billingbridge.http.api.WebhookEventList;
import io.billingbridge.http.api.WebhookEventPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API for the support console: accounts, webhook events, deliveries of events to the application and the
 * audit log; admin tokens only.
 *
 * <p>Actions (sync, relink, push-profile, retry) need a token with the {@code write} scope; reads need {@code read}.
 */
@Path("/admin/v1")
@RequiresAdmin
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ApiDocument.ADMIN_TOKEN)
public final class AdminResource {
    private static final String OWNER_TYPE = "'user' or 'organization'.";
    private static final String OWNER_ID = "The Clerk id of the user or organization.";
    private static final String LIMIT = "How many, newest first: 1 to 500.";
    private static final String PAGE_LIMIT = "How many, newest first: 1 to 500 (50 unless asked).";
    private static final String CURSOR = "The nextCursor of the previous page; leave out for the first page.";
    private final InspectAccount inspect;
    private final ResyncAccount resync;
    private final RelinkAccount relink;
    private final ListWebhookEvents events;
    private final RetryWebhookEvent retry;
    private final ReadAuditLog audit;
    private final Console console;

    /**
     * The use cases of the console's own calls: who am I, the overview, search, an owner's history, push-profile,
     * and the deliveries of events to the application.
     */
    public record Console(DescribeCaller me, ShowOverview overview, ReadOwnerEvents ownerEvents,
            ReadOwnerAudit ownerAudit, PushCustomerProfile pushProfile, SearchAccounts search,
            ListAppEvents appEvents, RetryAppEvent retryAppEvent) {
        public Console {
            Objects.requireNonNull(appEvents, "appEvents");
            Objects.requireNonNull(retryAppEvent, "retryAppEvent");
            Objects.requireNonNull(me, "me");
            Objects.requireNonNull(overview, "overview");
            Objects.requireNonNull(ownerEvents, "ownerEvents");
            Objects.requireNonNull(ownerAudit, "ownerAudit");
            Objects.requireNonNull(pushProfile, "pushProfile");
            Objects.requireNonNull(search, "search");
        }
    }

    public AdminResource(InspectAccount inspect, ResyncAccount resync, RelinkAccount relink, ListWebhookEvents events,
            RetryWebhookEvent retry, ReadAuditLog audit, Console console) {
        this.inspect = Objects.requireNonNull(inspect, "inspect");
        this.resync = Objects.requireNonNull(resync, "resync");
        this.relink = Objects.requireNonNull(relink, "relink");
        this.events = Objects.requireNonNull(events, "events");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.console = Objects.requireNonNull(console, "console");
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "Search accounts by owner id, customer id, email or name",
            description = "Matches in three tiers, best first, each account once in its best tier: `exact` (owner id"
                    + " or customer id equal to q, or the email equal to q ignoring case), `prefix` (owner id,"
                    + " customer id, email or name starting with q, ignoring case) and `contains` (name or email"
                    + " containing q, ignoring case; only when q has 3 characters or more, shorter text is not"
                    + " searched as a substring). Within a tier, by owner type then owner id. An empty q lists every"
                    + " account, all in tier `prefix`. Emails are masked (`a***@example.com`); the search text is"
                    + " never logged or audited.",
            responses = {
                @ApiResponse(responseCode = "200", description = "One page of accounts."),
                @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
                @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public AccountSearchResult searchAccounts(@Context ContainerRequestContext request,
            @Parameter(description = "The search text, trimmed: 0 to 200 characters; empty or absent lists every"
                    + " account.", schema = @Schema(maxLength = 200)) @QueryParam("q") String q,
            @Parameter(description = "Accounts per page: 1 to 100, 25 when absent.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page of the same search; a cursor this search"
                    + " did not return is 400 cursor_invalid.") @QueryParam("cursor") String cursor) {
        return AccountSearchResult.of(console.search().search(AdminAuthFilter.admin(request), Optional.ofNullable(q),
                Optional.ofNullable(limit), Optional.ofNullable(cursor)));
    }

    @GET
    @Path("/accounts/{ownerType}/{ownerId}")
    @Operation(summary = "An owner's billing account and stored snapshot", responses = {
        @ApiResponse(responseCode = "200", description = "The account, and its snapshot if one is stored."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)})
    public AccountDetails account(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId) {
        return AccountDetails.of(inspect.inspect(AdminAuthFilter.admin(request), ownerType, ownerId));
    }

    @POST
    @Path("/accounts/{ownerType}/{ownerId}/sync")
    @Operation(summary = "Sync an owner's snapshot from Stripe now", responses = {
        @ApiResponse(responseCode = "200", description = "The account and its fresh snapshot."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public AccountDetails sync(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId) {
        return AccountDetails.of(resync.resync(AdminAuthFilter.admin(request), ownerType, ownerId));
    }

    @POST
    @Path("/accounts/{ownerType}/{ownerId}/relink")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link an owner to a given Stripe customer whose metadata names it", responses = {
        @ApiResponse(responseCode = "200", description = "The account, linked to the customer; its previous customer"
                + " is released."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public AccountDetails relink(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId, RelinkBody body) {
        if (body == null) {
            throw new InvalidRequest("parameter_missing", "a JSON body is required");
        }
        return AccountDetails.of(relink.relink(AdminAuthFilter.admin(request), ownerType, ownerId, body.customer()));
    }

    @GET
    @Path("/webhook-events")
    @Operation(summary = "Received webhook events, newest first", responses = {
        @ApiResponse(responseCode = "200", description = "The events."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public WebhookEventList webhookEvents(@Context ContainerRequestContext request,
            @Parameter(description = "Only events with this status.",
                    schema = @Schema(allowableValues = {"pending", "failed", "processed"}))
            @QueryParam("status") String status,
            @Parameter(description = LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return WebhookEventList.of(events.list(AdminAuthFilter.admin(request), Optional.ofNullable(status),
                Optional.ofNullable(limit)).stream().map(WebhookEvent::of).toList());
    }

    @POST
    @Path("/webhook-events/{source}/{eventId}/retry")
    @Operation(summary = "Retry a failed webhook event now", responses = {
        @ApiResponse(responseCode = "200", description = "The retry is scheduled."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)})
    public RetryScheduled retry(@Context ContainerRequestContext request,
            @Parameter(description = "Who sent the event.", schema = @Schema(allowableValues = {"stripe", "clerk"}))
            @PathParam("source") String source,
            @Parameter(description = "The Stripe or Clerk event id.") @PathParam("eventId") String eventId) {
        retry.retry(AdminAuthFilter.admin(request), source, eventId);
        return RetryScheduled.of(source, eventId);
    }

    @GET
    @Path("/app-events")
    @Operation(summary = "Deliveries of events to the application's endpoints, newest first, a page at a time",
            responses = {
                @ApiResponse(responseCode = "200", description = "One page of deliveries, one per event and endpoint."),
                @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
                @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public AppEventPage appEvents(@Context ContainerRequestContext request,
            @Parameter(description = "Only this owner's events (with ownerId): " + OWNER_TYPE,
                    schema = @Schema(allowableValues = {"user", "organization"}))
            @QueryParam("ownerType") String ownerType,
            @Parameter(description = "Only this owner's events (with ownerType): " + OWNER_ID)
            @QueryParam("ownerId") String ownerId,
            @Parameter(description = "Only events of this type.", schema = @Schema(allowableValues = {
                "billing.updated", "checkout.completed", "payment.failed", "payment.action_required",
                "trial.will_end", "usage.rejected"}))
            @QueryParam("type") String type,
            @Parameter(description = "Only deliveries in this state.",
                    schema = @Schema(allowableValues = {"pending", "failed", "delivered", "given_up"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only deliveries to this endpoint URL.") @QueryParam("endpoint") String endpoint,
            @Parameter(description = PAGE_LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return AppEventPage.of(console.appEvents().list(AdminAuthFilter.admin(request), new ListAppEvents.Query(
                Optional.ofNullable(ownerType), Optional.ofNullable(ownerId), Optional.ofNullable(type),
                Optional.ofNullable(state), Optional.ofNullable(endpoint), Optional.ofNullable(limit),
                Optional.ofNullable(cursor))));
    }

    @POST
    @Path("/app-events/{eventId}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deliver a given-up or failed event to an endpoint again now", responses = {
        @ApiResponse(responseCode = "200", description = "The delivery is due now, with a fresh day of retries."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE)})
    public AppEventRetry retryAppEvent(@Context ContainerRequestContext request,
            @Parameter(description = "The event id (msg_...), the webhook-id receivers see.")
            @PathParam("eventId") String eventId, AppEventRetryBody body) {
        if (body == null) {
            throw new InvalidRequest("parameter_missing", "a JSON body is required");
        }
        console.retryAppEvent().retry(AdminAuthFilter.admin(request), eventId, body.endpoint());
        return AppEventRetry.of(eventId, body.endpoint());
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit log, newest first", responses = {
        @ApiResponse(responseCode = "200", description = "The entries."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public AuditEntryList audit(@Context ContainerRequestContext request,
            @Parameter(description = LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return AuditEntryList.of(audit.latest(AdminAuthFilter.admin(request), Optional.ofNullable(limit)).stream()
                .map(AuditEntry::of).toList());
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who this admin token is, what it may do, and the server's Stripe mode", responses = {
        @ApiResponse(responseCode = "200", description = "The token's name and scopes, and the Stripe Dashboard to"
                + " link to."),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public AdminMe me(@Context ContainerRequestContext request) {
        return AdminMe.of(console.me().describe(AdminAuthFilter.admin(request)));
    }

    @GET
    @Path("/overview")
    @Operation(summary = "Accounts per sync state and the webhook backlog", responses = {
        @ApiResponse(responseCode = "200", description = "The figures as of now."),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public Overview overview(@Context ContainerRequestContext request) {
        return Overview.of(console.overview().show(AdminAuthFilter.admin(request)));
    }

    @GET
    @Path("/accounts/{ownerType}/{ownerId}/events")
    @Operation(summary = "The webhook events that concern an owner, newest first, a page at a time", responses = {
        @ApiResponse(responseCode = "200", description = "One page of events: Stripe events of the owner's customer,"
                + " Clerk events of the owner and, for an organization, of its memberships."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)})
    public WebhookEventPage ownerEvents(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId,
            @Parameter(description = PAGE_LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return WebhookEventPage.of(console.ownerEvents().read(AdminAuthFilter.admin(request), ownerType, ownerId,
                Optional.ofNullable(limit), Optional.ofNullable(cursor)));
    }

    @GET
    @Path("/accounts/{ownerType}/{ownerId}/audit")
    @Operation(summary = "The audit entries about an owner, newest first, a page at a time", responses = {
        @ApiResponse(responseCode = "200", description = "One page of entries."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)})
    public AuditEntryPage ownerAudit(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId,
            @Parameter(description = PAGE_LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return AuditEntryPage.of(console.ownerAudit().read(AdminAuthFilter.admin(request), ownerType, ownerId,
                Optional.ofNullable(limit), Optional.ofNullable(cursor)));
    }

    @POST
    @Path("/accounts/{ownerType}/{ownerId}/push-profile")
    @Operation(summary = "Re-read an owner's profile from Clerk and push it to its Stripe customer", responses = {
        @ApiResponse(responseCode = "200", description = "The account with the profile stored."),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public AccountDetails pushProfile(@Context ContainerRequestContext request,
            @Parameter(description = OWNER_TYPE, schema = @Schema(allowableValues = {"user", "organization"}))
            @PathParam("ownerType") String ownerType,
            @Parameter(description = OWNER_ID) @PathParam("ownerId") String ownerId) {
        return AccountDetails.of(console.pushProfile().push(AdminAuthFilter.admin(request), ownerType, ownerId));
    }
}
