package io.billingbridge.core.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.CatalogSettings;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalConfigurationsTest {
    private final FakePaymentProvider payments = new FakePaymentProvider();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void catalogHasPersonalAndTeamPlans() {
        payments.prices = List.of(
                FakePaymentProvider.price("price_pro", "pro_monthly", true, Map.of("billing_bridge_owner_types", "user")),
                FakePaymentProvider.price("price_team", "team_monthly", true,
                        Map.of("billing_bridge_owner_types", "organization")),
                FakePaymentProvider.price("price_credits", "credits", false,
                        Map.of("billing_bridge_owner_types", "user,organization")));
    }

    private PortalConfigurations configurations(Map<OwnerType, PortalConfigurationId> named) {
        return new PortalConfigurations(payments, new Catalog(payments, CatalogSettings.defaults(), clock), named);
    }

    @Test
    void eachOwnerTypeOffersOnlyItsOwnRecurringPricesAndIsSavedOnceThenCached() {
        PortalConfigurations configurations = configurations(Map.of());
        configurations.forOwnerType(OwnerType.USER);
        configurations.forOwnerType(OwnerType.USER);
        configurations.forOwnerType(OwnerType.ORGANIZATION);

        assertThat(payments.portalConfigurations.get(OwnerType.USER).products())
                .isEqualTo(Map.of("prod_price_pro", List.of("price_pro")));
        assertThat(payments.portalConfigurations.get(OwnerType.ORGANIZATION).products())
                .isEqualTo(Map.of("prod_price_team", List.of("price_team")));
        assertThat(payments.calls.stream().filter("billing_portal.configurations.create"::equals)).hasSize(2);
        assertThat(payments.calls.stream().filter("billing_portal.configurations.list"::equals)).hasSize(2);
    }

    @Test
    void afterARestartTheConfigurationIsFoundByItsMetadataAndNotCreatedAgain() {
        configurations(Map.of()).forOwnerType(OwnerType.USER);
        payments.calls.clear();

        PortalConfigurationId again = configurations(Map.of()).forOwnerType(OwnerType.USER);

        assertThat(again.value()).isEqualTo("bpc_user");
        assertThat(payments.calls).containsExactly("prices.list", "billing_portal.configurations.list");
    }

    @Test
    void aChangedCatalogUpdatesTheFoundConfigurationInPlace() {
        configurations(Map.of()).forOwnerType(OwnerType.USER);
        payments.prices = List.of(payments.prices.get(0), FakePaymentProvider.price("price_plus", "plus_monthly",
                true, Map.of("billing_bridge_owner_types", "user")));
        payments.calls.clear();

        configurations(Map.of()).forOwnerType(OwnerType.USER);

        assertThat(payments.calls).contains("billing_portal.configurations.update")
                .doesNotContain("billing_portal.configurations.create");
        assertThat(payments.portalConfigurations.get(OwnerType.USER).products()).containsKeys("prod_price_pro",
                "prod_price_plus");
    }

    @Test
    void aNamedConfigurationIsUsedAsIsAndNothingIsAskedOfTheProvider() {
        PortalConfigurationId named = new PortalConfigurationId("bpc_named");
        assertThat(configurations(Map.of(OwnerType.ORGANIZATION, named)).forOwnerType(OwnerType.ORGANIZATION))
                .isEqualTo(named);
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void nothingHappensUntilFirstUseSoAProviderOutageDoesNotStopStartUp() {
        payments.down.set(true);
        PortalConfigurations configurations = configurations(Map.of());
        assertThat(payments.calls).isEmpty();
        assertThatThrownBy(() -> configurations.forOwnerType(OwnerType.USER)).isInstanceOf(ProviderUnavailable.class);
        payments.down.set(false);
        assertThat(configurations.forOwnerType(OwnerType.USER).value()).isEqualTo("bpc_user");
    }
}
