package io.billingbridge.server;

import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PortalConfigurationId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code billing.portal:} the Stripe portal configuration per owner type; an owner type left out gets one Billing
 * Bridge creates and keeps up to date from the catalog.
 *
 * @param configurations {@code user} and {@code organization}, each a {@code bpc_...} id
 */
public record PortalSection(Configurations configurations) {

    /** {@code billing.portal.configurations:}; only these two keys, so a misspelt one is a start-up error. */
    public record Configurations(String user, String organization) {
    }

    static PortalSection defaults() {
        return new PortalSection(null);
    }

    /**
     * The named configurations: per owner type, else the older {@code billing.portalConfiguration} for both.
     */
    Map<OwnerType, PortalConfigurationId> named(Optional<PortalConfigurationId> forBoth) {
        Map<OwnerType, PortalConfigurationId> named = new EnumMap<>(OwnerType.class);
        forBoth.ifPresent(id -> {
            named.put(OwnerType.USER, id);
            named.put(OwnerType.ORGANIZATION, id);
        });
        if (configurations != null) {
            id("user", configurations.user()).ifPresent(id -> named.put(OwnerType.USER, id));
            id("organization", configurations.organization()).ifPresent(id -> named.put(OwnerType.ORGANIZATION, id));
        }
        return named;
    }

    private static Optional<PortalConfigurationId> id(String key, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortalConfigurationId(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("billing.portal.configurations." + key + ": " + e.getMessage());
        }
    }
}
