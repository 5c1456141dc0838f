package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Audit log entries, newest first: {@code {"object": "list", "data": [...]}}. */
public record AuditEntryList(@Schema(allowableValues = "list") String object, List<AuditEntry> data) {
    public AuditEntryList {
        object = ListObject.check(object);
        data = List.copyOf(data);
    }

    public static AuditEntryList of(List<AuditEntry> data) {
        return new AuditEntryList(ListObject.LIST, data);
    }
}
