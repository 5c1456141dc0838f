package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Webhook events, newest first: {@code {"object": "list", "data": [...]}}. */
public record WebhookEventList(@Schema(allowableValues = "list") String object, List<WebhookEvent> data) {
    public WebhookEventList {
        object = ListObject.check(object);
        data = List.copyOf(data);
    }

    public static WebhookEventList of(List<WebhookEvent> data) {
        return new WebhookEventList(ListObject.LIST, data);
    }
}
