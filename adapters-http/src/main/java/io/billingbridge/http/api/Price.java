package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import java.util.Optional;

/** A price the owner can buy, with its product; {@code unitAmount} is empty for tiered or custom prices. */
public record Price(String id, Optional<String> lookupKey, Product product, String currency,
        Optional<Long> unitAmount, @Schema(allowableValues = {"recurring", "one_time"}) String type,
        Optional<Recurring> recurring) {
    public Price {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recurring, "recurring");
    }

    public static Price of(io.billingbridge.core.catalog.Price price) {
        return new Price(price.id(), price.lookupKey(),
                new Product(price.product().id(), price.product().name()), price.currency(), price.unitAmount(),
                price.isRecurring() ? "recurring" : "one_time",
                price.recurring().map(r -> new Recurring(r.interval(), r.intervalCount(), r.usageType(), r.meter())));
    }
}
