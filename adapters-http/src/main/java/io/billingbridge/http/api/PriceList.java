package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The prices an owner can buy: {@code {"object": "list", "data": [...]}}. */
public record PriceList(@Schema(allowableValues = "list") String object, List<Price> data) {
    public PriceList {
        object = ListObject.check(object);
        data = List.copyOf(data);
    }

    public static PriceList of(List<Price> data) {
        return new PriceList(ListObject.LIST, data);
    }
}
