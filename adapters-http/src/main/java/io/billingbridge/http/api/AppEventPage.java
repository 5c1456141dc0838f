package io.billingbridge.http.api;

import io.billingbridge.core.admin.Page;
import io.billingbridge.core.admin.PageCursor;
import io.billingbridge.core.events.EventDelivery;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of deliveries of events to the application, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record AppEventPage(@Schema(allowableValues = "list") String object, List<AppEventDelivery> data,
        boolean hasMore, Optional<String> nextCursor) {
    public AppEventPage {
        object = ListObject.check(object);
        data = List.copyOf(data);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public static AppEventPage of(Page<EventDelivery> page) {
        return new AppEventPage(ListObject.LIST, page.items().stream().map(AppEventDelivery::of).toList(),
                page.hasMore(), page.next().map(PageCursor::encode));
    }
}
