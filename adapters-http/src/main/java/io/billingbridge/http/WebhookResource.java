package io.billingbridge.http;

import io.billingbridge.core.webhook.ReceiveWebhook;
import io.billingbridge.core.webhook.WebhookDelivery;
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
    private final ReceiveWebhook receive;

    public WebhookResource(ReceiveWebhook receive) {
        this.receive = Objects.requireNonNull(receive, "receive");
    }

    @POST
    @Path("/stripe")
    public Map<String, Object> stripe(@Context HttpHeaders headers, byte[] body) {
        return Map.of("received", true, "duplicate", !receive.fromStripe(delivery(headers, body)));
    }

    @POST
    @Path("/clerk")
    public Map<String, Object> clerk(@Context HttpHeaders headers, byte[] body) {
        return Map.of("received", true, "duplicate", !receive.fromClerk(delivery(headers, body)));
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
