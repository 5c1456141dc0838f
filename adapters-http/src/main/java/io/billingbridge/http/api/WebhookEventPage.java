package io.billingbridge.http.api;

import io.billingbridge.core.admin.Page;
import io.billingbridge.core.admin.PageCursor;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an owner's webhook events, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record WebhookEventPage(@Schema(allowableValues = "list") String object, List<WebhookEvent> data,
        boolean hasMore, Optional<String> nextCursor) {
    public WebhookEventPage {
        object = ListObject.check(object);
        data = List.copyOf(data);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public static WebhookEventPage of(Page<WebhookEventRecord> page) {
        return new WebhookEventPage(ListObject.LIST, page.items().stream().map(WebhookEvent::of).toList(),
                page.hasMore(), page.next().map(PageCursor::encode));
    }
}
