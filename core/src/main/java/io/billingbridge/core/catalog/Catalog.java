package io.billingbridge.core.catalog;

import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The purchasable prices, from the provider's own catalog, filtered per owner type and cached.
 *
 * <p>Default-deny: a price is purchasable only when the allow-list or its metadata names the owner type.
 */
public final class Catalog {
    private final PaymentProvider payments;
    private final CatalogSettings settings;
    private final Clock clock;
    private final Object lock = new Object();
    private List<Price> cached;
    private Instant fetchedAt;

    public Catalog(PaymentProvider payments, CatalogSettings settings, Clock clock) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The prices this owner type may buy, in the provider's order. */
    public List<Price> purchasable(OwnerType ownerType) {
        return prices().stream().filter(price -> isPurchasable(price, ownerType)).toList();
    }

    /**
     * The price a request names, by id or lookup key, if this owner type may buy it.
     *
     * @throws InvalidRequest {@code price_not_available} otherwise, without saying whether the price exists
     */
    public Price resolve(String priceIdOrLookupKey, OwnerType ownerType) {
        if (priceIdOrLookupKey == null || priceIdOrLookupKey.isBlank()) {
            throw new InvalidRequest("parameter_missing", "price is required", "price");
        }
        return purchasable(ownerType).stream()
                .filter(p -> p.id().equals(priceIdOrLookupKey) || p.lookupKey().filter(priceIdOrLookupKey::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new InvalidRequest("price_not_available",
                        "that price is not available for a " + ownerType.wireName(), "price"));
    }

    /** Forgets the cached prices, so the next read fetches them (after a price or product event). */
    public void invalidate() {
        synchronized (lock) {
            cached = null;
        }
    }

    private List<Price> prices() {
        synchronized (lock) {
            Instant now = clock.instant();
            if (cached == null || !now.isBefore(fetchedAt.plus(settings.cacheFor()))) {
                cached = List.copyOf(payments.activePrices());
                fetchedAt = now;
            }
            return cached;
        }
    }

    private boolean isPurchasable(Price price, OwnerType ownerType) {
        if (!price.active() || !price.product().active()) {
            return false;
        }
        Set<String> allowed = settings.allowList().get(ownerType);
        if (allowed != null) {
            return allowed.contains(price.id()) || price.lookupKey().filter(allowed::contains).isPresent();
        }
        return price.setting(CatalogSettings.OWNER_TYPES_KEY)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).anyMatch(ownerType.wireName()::equals))
                .orElse(false);
    }
}
