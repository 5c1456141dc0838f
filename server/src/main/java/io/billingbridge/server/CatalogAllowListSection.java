package io.billingbridge.server;

import io.billingbridge.core.owner.OwnerType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code billing.catalogAllowList:} purchasable price ids or lookup keys per owner type, one field per owner type so
 * that a misspelt type is a start-up error. An owner type left out has no allow-list (price metadata decides).
 *
 * @param user the prices users may buy
 * @param organization the prices organizations may buy
 */
public record CatalogAllowListSection(List<String> user, List<String> organization) {

    /** No allow-list for either owner type. */
    static CatalogAllowListSection none() {
        return new CatalogAllowListSection(null, null);
    }

    Map<OwnerType, Set<String>> toMap() {
        Map<OwnerType, Set<String>> allow = new EnumMap<>(OwnerType.class);
        if (user != null) {
            allow.put(OwnerType.USER, Set.copyOf(user));
        }
        if (organization != null) {
            allow.put(OwnerType.ORGANIZATION, Set.copyOf(organization));
        }
        return allow;
    }
}
