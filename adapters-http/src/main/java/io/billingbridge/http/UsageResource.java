package io.billingbridge.http;

import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.DescribeAppKey;
import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.usage.ReportUsage;
import io.billingbridge.http.api.AppKeyMe;
import io.billingbridge.http.api.UsageAccepted;
import io.billingbridge.http.api.UsageBatchBody;
import io.billingbridge.http.api.UsageEventBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** The server-to-server API for the application's backend; application keys only, each endpoint with its scopes. */
@Path(AppKeyAuthFeature.PATH)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ApiDocument.APP_KEY)
public final class UsageResource {
    private final DescribeAppKey describe;
    private final ReportUsage report;

    public UsageResource(DescribeAppKey describe, ReportUsage report) {
        this.describe = Objects.requireNonNull(describe, "describe");
        this.report = Objects.requireNonNull(report, "report");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresAppKey(AppKeyScope.USAGE_WRITE)
    @Operation(summary = "Report usage for owners, to be billed through their Stripe metered subscriptions",
            description = "One event, or up to 100 as {\"events\": [...]}, stored all or none, then sent to Stripe's"
                    + " meter events API in the background with retries. An event whose identifier is already stored"
                    + " is counted as a duplicate and dropped (the first one wins). Refused, with nothing stored: an"
                    + " invalid event (the error names it as events[i]), an event name no active Stripe meter has,"
                    + " an owner without a Stripe customer (404 usage_owner_unknown) or without a live subscription"
                    + " metering the event (409 usage_not_metered), unless the server keeps such usage until the"
                    + " owner subscribes (usage.keepUntilSubscribed).",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(
                    oneOf = {UsageEventBody.class, UsageBatchBody.class}))),
            responses = {
                @ApiResponse(responseCode = "202", description = "Stored; sent to Stripe shortly.",
                        content = @Content(schema = @Schema(implementation = UsageAccepted.class))),
                @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
                @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
                @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
                @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND),
                @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT),
                @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE),
                @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public Response reportUsage(@Context ContainerRequestContext request, JsonNode body) {
        AppKeyAuthFilter.app(request);
        UsageAccepted accepted = UsageAccepted.of(report.report(UsageReports.read(body)));
        return Response.status(Response.Status.ACCEPTED).entity(accepted).build();
    }

    @GET
    @Path("/key")
    @RequiresAppKey({AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ})
    @Operation(summary = "Which app key this is and what it may do",
            description = "Any app key may call it, whatever its scopes: a backend's check that it sends the key it"
                    + " means to. Session and admin tokens are refused here.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The key's name and scopes (never the key)."),
                @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED)})
    public AppKeyMe key(@Context ContainerRequestContext request) {
        return AppKeyMe.of(describe.describe(AppKeyAuthFilter.app(request)));
    }
}
