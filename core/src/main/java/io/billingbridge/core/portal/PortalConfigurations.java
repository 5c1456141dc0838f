package io.billingbridge.core.portal;

import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.FoundPortalConfiguration;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalConfigurationSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing portal configuration for each owner type: one named in YAML, else one Billing Bridge keeps itself,
 * offering only that owner type's purchasable recurring prices (so a personal user is never offered an
 * organization-only plan).
 *
 * <p>Kept lazily: on the first portal opened for an owner type the configuration is found by its metadata (so a
 * restart makes no duplicate), created if missing, updated if the catalog changed since; then cached with the
 * spec it was saved from, and saved again only when the catalog's prices for that owner type change. Nothing
 * happens at start-up, so Stripe being down cannot stop the server. Creation uses an idempotency key derived from
 * the spec, so two instances creating the same configuration at once make one.
 */
public final class PortalConfigurations {
    private static final Logger LOG = LoggerFactory.getLogger(PortalConfigurations.class);

    /** A configuration saved from a spec. */
    private record Saved(PortalConfigurationSpec spec, PortalConfigurationId id) {
    }

    private final PaymentProvider payments;
    private final Catalog catalog;
    private final Map<OwnerType, PortalConfigurationId> named;
    private final Map<OwnerType, Saved> saved = new EnumMap<>(OwnerType.class);

    /**
     * @param named configurations named in YAML per owner type; those owner types are not managed
     */
    public PortalConfigurations(PaymentProvider payments, Catalog catalog, Map<OwnerType, PortalConfigurationId> named) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.named = Map.copyOf(named);
    }

    /** The configuration for portals of this owner type. */
    public PortalConfigurationId forOwnerType(OwnerType ownerType) {
        PortalConfigurationId configured = named.get(ownerType);
        if (configured != null) {
            return configured;
        }
        PortalConfigurationSpec spec = spec(ownerType);
        synchronized (saved) {
            Saved current = saved.get(ownerType);
            if (current != null && current.spec().equals(spec)) {
                return current.id();
            }
            Optional<PortalConfigurationId> existing = Optional.ofNullable(current).map(Saved::id);
            if (existing.isEmpty()) {
                Optional<FoundPortalConfiguration> found = payments.findPortalConfiguration(ownerType);
                if (found.isPresent() && found.get().fingerprint().equals(Optional.of(spec.fingerprint()))) {
                    saved.put(ownerType, new Saved(spec, found.get().id()));
                    return found.get().id();
                }
                existing = found.map(FoundPortalConfiguration::id);
            }
            PortalConfigurationId id = payments.savePortalConfiguration(spec, existing, new IdempotencyKey(
                    "portal-configuration-" + ownerType.wireName() + "-" + existing.map(PortalConfigurationId::value)
                            .orElse("new") + "-" + spec.fingerprint()));
            LOG.info("Portal configuration {} for {} owners {} ({} products)", id, ownerType.wireName(),
                    existing.isPresent() ? "updated" : "created", spec.products().size());
            saved.put(ownerType, new Saved(spec, id));
            return id;
        }
    }

    /** What the owner type's configuration should offer: its purchasable recurring prices, by product. */
    PortalConfigurationSpec spec(OwnerType ownerType) {
        Map<String, List<String>> products = new LinkedHashMap<>();
        boolean dropped = false;
        for (Price price : catalog.purchasable(ownerType)) {
            if (!price.isRecurring()) {
                continue;
            }
            String product = price.product().id();
            if (!products.containsKey(product) && products.size() == PortalConfigurationSpec.MAX_PRODUCTS) {
                dropped = true;
                continue;
            }
            products.computeIfAbsent(product, p -> new ArrayList<>()).add(price.id());
        }
        if (dropped) {
            LOG.warn("{} owners can buy more than {} products: the portal offers switching among the first {}",
                    ownerType.wireName(), PortalConfigurationSpec.MAX_PRODUCTS, PortalConfigurationSpec.MAX_PRODUCTS);
        }
        products.replaceAll((product, prices) -> prices.stream().sorted().toList());
        return new PortalConfigurationSpec(ownerType, products);
    }
}
