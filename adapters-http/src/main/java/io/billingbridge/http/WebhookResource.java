package io.billingbridge.http;

import io.billingbridge.core.webhook.ReceiveWebhook;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.http.api.WebhookReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Webhook endpoints: the raw body and headers go to the core, which verifies, records and acknowledges. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class WebhookResource {
    private static final String RAW_EVENT = "The event as the sender signed it: verified byte for byte, then parsed.";
    private final ReceiveWebhook receive;

    public WebhookResource(ReceiveWebhook receive) {
        this.receive = Objects.requireNonNull(receive, "receive");
    }

    @POST
    @Path("/stripe")
    @Operation(summary = "Receive a Stripe event",
            security = @SecurityRequirement(name = ApiDocument.STRIPE_SIGNATURE), responses = {
                @ApiResponse(responseCode = "200", description = "Verified and recorded (or already recorded)."),
                @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
                @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE)})
    public WebhookReceipt stripe(@Context HttpHeaders headers,
            @RequestBody(description = RAW_EVENT, required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(types = "object")))
            byte[] body) {
        return WebhookReceipt.of(receive.fromStripe(delivery(headers, body)));
    }

    @POST
    @Path("/clerk")
    @Operation(summary = "Receive a Clerk event",
            security = @SecurityRequirement(name = ApiDocument.SVIX_SIGNATURE), responses = {
                @ApiResponse(responseCode = "200", description = "Verified and recorded (or already recorded)."),
                @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST),
                @ApiResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE)})
    public WebhookReceipt clerk(@Context HttpHeaders headers,
            @RequestBody(description = RAW_EVENT, required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(types = "object")))
            byte[] body) {
        return WebhookReceipt.of(receive.fromClerk(delivery(headers, body)));
    }

    private static WebhookDelivery delivery(HttpHeaders headers, byte[] body) {
        Map<String, String> flat = new HashMap<>();
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                flat.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        return new WebhookDelivery(body == null ? new byte[0] : body, flat);
    }
}
