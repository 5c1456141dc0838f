package io.billingbridge.http;

import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.DescribeAppKey;
import io.billingbridge.http.api.AppKeyMe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/** The server-to-server API for the application's backend; application keys only, each endpoint with its scopes. */
@Path(AppKeyAuthFeature.PATH)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ApiDocument.APP_KEY)
public final class UsageResource {
    private final DescribeAppKey describe;

    public UsageResource(DescribeAppKey describe) {
        this.describe = Objects.requireNonNull(describe, "describe");
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
