package io.billingbridge.http;

import io.billingbridge.core.usage.GetUsage;
import io.billingbridge.http.api.MeterUsage;
import io.billingbridge.http.api.MeterUsageList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import java.util.Optional;

/** {@code GET /v1/billing/usage}: the signed-in owner's metered usage so far, for the frontend. */
@Path("/v1/billing/usage")
@RequiresSession
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ApiDocument.SESSION_TOKEN)
@SecurityRequirement(name = ApiDocument.SESSION_COOKIE)
public final class BillingUsageResource {
    private final GetUsage usage;

    public BillingUsageResource(GetUsage usage) {
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @GET
    @Operation(summary = "The owner's usage so far in the current period, per metered item", responses = {
        @ApiResponse(responseCode = "200", description = "One entry per metered item of the owner's live"
                + " subscriptions (none without a metered subscription), from Stripe's meter event summaries; a"
                + " figure is kept for 30 seconds per owner and meter.",
                content = @Content(schema = @Schema(implementation = MeterUsageList.class))),
        @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
        @ApiResponse(responseCode = "401", ref = ApiDocument.UNAUTHENTICATED),
        @ApiResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN),
        @ApiResponse(responseCode = "429", ref = ApiDocument.RATE_LIMITED),
        @ApiResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)})
    public MeterUsageList usage(@Context ContainerRequestContext request,
            @Parameter(description = "Whose usage: 'user' (the caller) or 'organization'.", required = true,
                    schema = @Schema(allowableValues = {"user", "organization"})) @QueryParam("owner") String owner,
            @Parameter(description = "The organization, when owner is 'organization'; defaults to the session's"
                    + " active organization.") @QueryParam("organizationId") String organizationId,
            @Parameter(description = "Only this meter (mtr_...).") @QueryParam("meter") String meter) {
        return MeterUsageList.of(usage.read(SessionAuthFilter.principal(request), owner,
                Optional.ofNullable(organizationId), Optional.ofNullable(meter)).stream().map(MeterUsage::of).toList());
    }
}
