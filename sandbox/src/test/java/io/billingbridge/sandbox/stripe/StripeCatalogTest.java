package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.ProductFeature;
import com.stripe.model.StripeCollection;
import com.stripe.model.entitlements.Feature;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductFeatureCreateParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.entitlements.FeatureCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeCatalogTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder()
                .seedProduct(new StripeEmulatorConfig.SeedProduct("Seeded Pro", "Seeded", Map.of("audience", "user"),
                        List.of("seeded_feature"), List.of(new StripeEmulatorConfig.SeedPrice("seeded_pro_monthly",
                                1500, "usd", "month", Map.of()))))
                .build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void seededCatalogIsVisibleThroughTheApi() throws StripeException {
        StripeCollection<Price> prices = stripe.v1().prices().list(PriceListParams.builder()
                .addLookupKey("seeded_pro_monthly").addExpand("data.product").build());
        assertThat(prices.getData()).hasSize(1);
        Price price = prices.getData().get(0);
        assertThat(price.getProductObject().getName()).isEqualTo("Seeded Pro");
        assertThat(price.getProductObject().getMetadata()).containsEntry("audience", "user");
        assertThat(price.getProductObject().getDefaultPrice()).isEqualTo(price.getId());
        assertThat(stripe.v1().products().features().list(price.getProduct()).getData())
                .extracting(f -> f.getEntitlementFeature().getLookupKey()).containsExactly("seeded_feature");
    }

    @Test
    void createsAndUpdatesProducts() throws StripeException {
        Product product = stripe.v1().products().create(ProductCreateParams.builder().setName("Team")
                .setDescription("For teams").putMetadata("owner_type", "organization").build());
        assertThat(product.getId()).startsWith("prod_");
        assertThat(product.getActive()).isTrue();
        Product updated = stripe.v1().products().update(product.getId(), ProductUpdateParams.builder()
                .setActive(false).build());
        assertThat(updated.getActive()).isFalse();
        List<String> active = stripe.v1().products().list(ProductListParams.builder().setActive(true).setLimit(100L)
                .build()).getData().stream().map(Product::getId).toList();
        assertThat(active).doesNotContain(product.getId());
        assertThat(stripe.v1().products().retrieve(product.getId()).getDescription()).isEqualTo("For teams");
    }

    @Test
    void productNameIsRequired() {
        assertThatThrownBy(() -> stripe.v1().products().create(ProductCreateParams.builder().build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                    assertThat(e.getParam()).isEqualTo("name");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("Missing required param: name.");
                });
    }

    @Test
    void listsPricesByLookupKeysTypeProductAndActive() throws StripeException {
        Product product = StripeTestSupport.product(stripe, "Filters");
        String monthlyKey = unique("monthly");
        Price monthly = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(900L).setLookupKey(monthlyKey)
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
        Price once = StripeTestSupport.oneTime(stripe, product.getId(), 5000);
        Price retired = StripeTestSupport.monthly(stripe, product.getId(), 700);
        stripe.v1().prices().update(retired.getId(), PriceUpdateParams.builder().setActive(false).build());

        assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey(monthlyKey).build()).getData())
                .extracting(Price::getId).containsExactly(monthly.getId());
        assertThat(stripe.v1().prices().list(PriceListParams.builder().setProduct(product.getId())
                .setType(PriceListParams.Type.ONE_TIME).build()).getData())
                .extracting(Price::getId).containsExactly(once.getId());
        assertThat(stripe.v1().prices().list(PriceListParams.builder().setProduct(product.getId()).setActive(true)
                .build()).getData()).extracting(Price::getId).containsExactly(once.getId(), monthly.getId());
        assertThat(stripe.v1().prices().list(PriceListParams.builder().setProduct(product.getId()).build())
                .getData()).hasSize(3);
        assertThat(monthly.getRecurring().getInterval()).isEqualTo("month");
        assertThat(once.getType()).isEqualTo("one_time");
    }

    @Test
    void lookupKeyIsUniqueUnlessTransferred() throws StripeException {
        Product product = StripeTestSupport.product(stripe, "Lookup");
        String key = unique("key");
        PriceCreateParams.Builder create = PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
                .setUnitAmount(1000L).setLookupKey(key);
        Price first = stripe.v1().prices().create(create.build());
        assertThatThrownBy(() -> stripe.v1().prices().create(create.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("lookup_key"));
        Price second = stripe.v1().prices().create(create.setTransferLookupKey(true).build());
        assertThat(second.getLookupKey()).isEqualTo(key);
        assertThat(stripe.v1().prices().retrieve(first.getId()).getLookupKey()).isNull();
    }

    @Test
    void priceForMissingProductIsResourceMissing() {
        assertThatThrownBy(() -> StripeTestSupport.monthly(stripe, "prod_missing", 100))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getParam()).isEqualTo("product");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such product: 'prod_missing'");
                });
    }

    @Test
    void invalidRecurringIntervalIsRejected() throws StripeException {
        Product product = StripeTestSupport.product(stripe, "Interval");
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(1L).putExtraParam("recurring[interval]", "fortnight").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("recurring[interval]"));
    }

    @Test
    void attachesAndDetachesFeatures() throws StripeException {
        Product product = StripeTestSupport.product(stripe, "Featured");
        String lookupKey = unique("seats");
        Feature feature = stripe.v1().entitlements().features().create(FeatureCreateParams.builder()
                .setName("Seats").setLookupKey(lookupKey).build());
        assertThat(feature.getId()).startsWith("feat_");
        ProductFeature attached = stripe.v1().products().features().create(product.getId(),
                ProductFeatureCreateParams.builder().setEntitlementFeature(feature.getId()).build());
        assertThat(attached.getEntitlementFeature().getLookupKey()).isEqualTo(lookupKey);
        assertThat(stripe.v1().products().features().list(product.getId()).getData()).hasSize(1);
        assertThat(stripe.v1().products().features().delete(product.getId(), attached.getId()).getDeleted())
                .isTrue();
        assertThat(stripe.v1().products().features().list(product.getId()).getData()).isEmpty();
        assertThatThrownBy(() -> stripe.v1().entitlements().features().create(FeatureCreateParams.builder()
                .setName("Again").setLookupKey(lookupKey).build())).isInstanceOf(InvalidRequestException.class);
    }
}
