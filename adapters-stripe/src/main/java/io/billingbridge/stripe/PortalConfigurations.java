package io.billingbridge.stripe;

import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import io.billingbridge.core.payment.PortalConfigurationSpec;
import java.util.List;
import java.util.Map;

/**
 * The portal configuration parameters for a {@link PortalConfigurationSpec}: switching among its prices (when it has
 * any), cancel at period end without proration, payment method updates and invoice history; no customer updates.
 */
final class PortalConfigurations {

    private PortalConfigurations() {
    }

    static ConfigurationCreateParams create(PortalConfigurationSpec spec, Map<String, String> metadata) {
        ConfigurationCreateParams.Features.SubscriptionUpdate.Builder update =
                ConfigurationCreateParams.Features.SubscriptionUpdate.builder().setEnabled(!spec.products().isEmpty());
        if (!spec.products().isEmpty()) {
            update.addDefaultAllowedUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate.DefaultAllowedUpdate
                    .PRICE).setProrationBehavior(ConfigurationCreateParams.Features.SubscriptionUpdate
                    .ProrationBehavior.CREATE_PRORATIONS);
            spec.products().forEach((product, prices) -> update.addProduct(ConfigurationCreateParams.Features
                    .SubscriptionUpdate.Product.builder().setProduct(product).addAllPrice(prices).build()));
        }
        return ConfigurationCreateParams.builder()
                .setName("Billing Bridge: " + spec.ownerType().wireName() + " owners")
                .putAllMetadata(metadata)
                .setFeatures(ConfigurationCreateParams.Features.builder()
                        .setCustomerUpdate(ConfigurationCreateParams.Features.CustomerUpdate.builder()
                                .setEnabled(false).build())
                        .setInvoiceHistory(ConfigurationCreateParams.Features.InvoiceHistory.builder()
                                .setEnabled(true).build())
                        .setPaymentMethodUpdate(ConfigurationCreateParams.Features.PaymentMethodUpdate.builder()
                                .setEnabled(true).build())
                        .setSubscriptionCancel(ConfigurationCreateParams.Features.SubscriptionCancel.builder()
                                .setEnabled(true)
                                .setMode(ConfigurationCreateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END)
                                .setProrationBehavior(ConfigurationCreateParams.Features.SubscriptionCancel
                                        .ProrationBehavior.NONE).build())
                        .setSubscriptionUpdate(update.build())
                        .build())
                .build();
    }

    static ConfigurationUpdateParams update(PortalConfigurationSpec spec, Map<String, String> metadata) {
        ConfigurationUpdateParams.Features.SubscriptionUpdate.Builder update =
                ConfigurationUpdateParams.Features.SubscriptionUpdate.builder().setEnabled(!spec.products().isEmpty());
        if (!spec.products().isEmpty()) {
            update.addDefaultAllowedUpdate(ConfigurationUpdateParams.Features.SubscriptionUpdate.DefaultAllowedUpdate
                    .PRICE).setProrationBehavior(ConfigurationUpdateParams.Features.SubscriptionUpdate
                    .ProrationBehavior.CREATE_PRORATIONS);
            spec.products().forEach((product, prices) -> update.addProduct(ConfigurationUpdateParams.Features
                    .SubscriptionUpdate.Product.builder().setProduct(product).addAllPrice(List.copyOf(prices))
                    .build()));
        }
        return ConfigurationUpdateParams.builder()
                .setActive(true)
                .putAllMetadata(metadata)
                .setFeatures(ConfigurationUpdateParams.Features.builder()
                        .setCustomerUpdate(ConfigurationUpdateParams.Features.CustomerUpdate.builder()
                                .setEnabled(false).build())
                        .setInvoiceHistory(ConfigurationUpdateParams.Features.InvoiceHistory.builder()
                                .setEnabled(true).build())
                        .setPaymentMethodUpdate(ConfigurationUpdateParams.Features.PaymentMethodUpdate.builder()
                                .setEnabled(true).build())
                        .setSubscriptionCancel(ConfigurationUpdateParams.Features.SubscriptionCancel.builder()
                                .setEnabled(true)
                                .setMode(ConfigurationUpdateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END)
                                .setProrationBehavior(ConfigurationUpdateParams.Features.SubscriptionCancel
                                        .ProrationBehavior.NONE).build())
                        .setSubscriptionUpdate(update.build())
                        .build())
                .build();
    }
}
