package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An owner's usage so far per metered item: {@code {"object": "list", "data": [...]}}. */
public record MeterUsageList(@Schema(allowableValues = "list") String object, List<MeterUsage> data) {
    public MeterUsageList {
        object = ListObject.check(object);
        data = List.copyOf(data);
    }

    public static MeterUsageList of(List<MeterUsage> data) {
        return new MeterUsageList(ListObject.LIST, data);
    }
}
