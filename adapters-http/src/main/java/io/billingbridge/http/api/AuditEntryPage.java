package io.billingbridge.http.api;

import io.billingbridge.core.admin.Page;
import io.billingbridge.core.admin.PageCursor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an owner's audit entries, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record AuditEntryPage(@Schema(allowableValues = "list") String object, List<AuditEntry> data,
        boolean hasMore, Optional<String> nextCursor) {
    public AuditEntryPage {
        object = ListObject.check(object);
        data = List.copyOf(data);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public static AuditEntryPage of(Page<io.billingbridge.core.audit.AuditEntry> page) {
        return new AuditEntryPage(ListObject.LIST, page.items().stream().map(AuditEntry::of).toList(),
                page.hasMore(), page.next().map(PageCursor::encode));
    }
}
