package io.billingbridge.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final FakePaymentProvider payments = new FakePaymentProvider();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    {
        payments.prices = List.of(
                FakePaymentProvider.price("price_u", "user_plan", true, Map.of("billing_bridge_owner_types", "user")),
                FakePaymentProvider.price("price_o", "org_plan", true,
                        Map.of("billing_bridge_owner_types", " organization , user ")),
                FakePaymentProvider.price("price_none", null, true, Map.of()));
    }

    @Test
    void productMetadataDecidesAndUnlabelledPricesAreNotForSale() {
        Catalog catalog = new Catalog(payments, CatalogSettings.defaults(), clock);
        assertThat(catalog.purchasable(OwnerType.USER)).extracting(Price::id).containsExactly("price_u", "price_o");
        assertThat(catalog.purchasable(OwnerType.ORGANIZATION)).extracting(Price::id).containsExactly("price_o");
    }

    @Test
    void allowListOverridesMetadata() {
        Catalog catalog = new Catalog(payments,
                new CatalogSettings(Map.of(OwnerType.ORGANIZATION, Set.of("price_none", "user_plan")), Duration.ofMinutes(5)),
                clock);
        assertThat(catalog.purchasable(OwnerType.ORGANIZATION)).extracting(Price::id).containsExactly("price_u", "price_none");
        assertThat(catalog.purchasable(OwnerType.USER)).extracting(Price::id).containsExactly("price_u", "price_o");
    }

    @Test
    void pricesAreCachedUntilInvalidated() {
        Catalog catalog = new Catalog(payments, CatalogSettings.defaults(), clock);
        catalog.purchasable(OwnerType.USER);
        catalog.resolve("user_plan", OwnerType.USER);
        assertThat(payments.calls).containsExactly("prices.list");
        catalog.invalidate();
        catalog.purchasable(OwnerType.USER);
        assertThat(payments.calls).containsExactly("prices.list", "prices.list");
    }
}
