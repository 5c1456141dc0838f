package io.billingbridge.core.catalog;

import io.billingbridge.core.owner.OwnerType;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which prices each owner type may buy.
 *
 * @param allowList per owner type, price ids or lookup keys; when an owner type has an entry, only those prices
 *     are purchasable for it, and product metadata is not consulted
 * @param cacheFor how long the price list is kept before it is read from the provider again (price and product
 *     events refresh it sooner)
 */
public record CatalogSettings(Map<OwnerType, Set<String>> allowList, Duration cacheFor) {

    /** Product or price metadata naming the owner types that may buy it, e.g. {@code user,organization}. */
    public static final String OWNER_TYPES_KEY = "billing_bridge_owner_types";

    public CatalogSettings {
        allowList = Map.copyOf(allowList);
        Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("cacheFor must not be negative");
        }
    }

    /** Product metadata decides; the list is cached for five minutes. */
    public static CatalogSettings defaults() {
        return new CatalogSettings(Map.of(), Duration.ofMinutes(5));
    }
}
