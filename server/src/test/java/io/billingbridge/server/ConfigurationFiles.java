package io.billingbridge.server;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reads a config.yml text as the application reads its file: same factory, substitution and validation. */
final class ConfigurationFiles {
    private ConfigurationFiles() {
    }

    static BillingBridgeConfiguration parse(String yaml) throws Exception {
        BillingBridgeApplication application = new BillingBridgeApplication();
        Bootstrap<BillingBridgeConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ConfigurationFactory<BillingBridgeConfiguration> factory = bootstrap.getConfigurationFactoryFactory()
                .create(BillingBridgeConfiguration.class, bootstrap.getValidatorFactory().getValidator(),
                        bootstrap.getObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }
}
